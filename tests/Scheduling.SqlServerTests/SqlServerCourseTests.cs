using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.SqlServerTests;

/// <summary>The treatment-course contract on SQL Server 2022 (Testcontainers); skipped where Docker is not available.</summary>
public sealed class SqlServerCourseTests(SqlServerDatabaseFixture database)
    : CourseContract(database), IClassFixture<SqlServerDatabaseFixture>;
