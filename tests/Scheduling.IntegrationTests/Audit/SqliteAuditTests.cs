using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Audit;

/// <summary>The audit contract on SQLite, the embedded default provider.</summary>
public sealed class SqliteAuditTests(SqliteDatabaseFixture database)
    : AuditContract(database), IClassFixture<SqliteDatabaseFixture>;
