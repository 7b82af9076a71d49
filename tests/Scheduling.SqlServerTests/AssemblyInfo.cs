using Scheduling.TestSupport.Databases;

// One SQL Server container for the whole run; each test class gets its own database on it.
[assembly: AssemblyFixture(typeof(SqlServerContainer))]
