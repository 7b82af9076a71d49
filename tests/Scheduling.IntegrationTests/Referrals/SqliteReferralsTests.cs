using Scheduling.TestSupport.Contracts;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Referrals;

/// <summary>The referrals contract on SQLite, the embedded default provider.</summary>
public sealed class SqliteReferralsTests(SqliteDatabaseFixture database)
    : ReferralsContract(database), IClassFixture<SqliteDatabaseFixture>;
