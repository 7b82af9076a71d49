using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.Contracts;

/// <summary>The treatment-course contract on PostgreSQL (TEST_POSTGRES_CONNECTION); skipped where PostgreSQL is not configured.</summary>
public sealed class PostgreSqlCourseTests(PostgreSqlDatabaseFixture database)
    : CourseContract(database), IClassFixture<PostgreSqlDatabaseFixture>;
