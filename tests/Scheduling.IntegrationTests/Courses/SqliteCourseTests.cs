using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Courses;

/// <summary>The treatment-course contract (sessions, patient records, readings, worklists, next session, access) on SQLite.</summary>
public sealed class SqliteCourseTests(SqliteDatabaseFixture database)
    : CourseContract(database), IClassFixture<SqliteDatabaseFixture>;
