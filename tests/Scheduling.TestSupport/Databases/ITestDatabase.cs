using Scheduling.Infrastructure.Persistence;

namespace Scheduling.TestSupport.Databases;

/// <summary>A real, empty database that belongs to one test or test class and is removed at dispose.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    DatabaseProvider Provider { get; }

    string ConnectionString { get; }
}
