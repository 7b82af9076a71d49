using Microsoft.Data.Sqlite;

using Scheduling.Infrastructure.Persistence;

namespace Scheduling.TestSupport.Databases;

/// <summary>A SQLite file in a folder of its own under the temp directory; the folder goes at dispose.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private SqliteTestDatabase(string folder)
    {
        Folder = folder;
        FilePath = Path.Combine(folder, "scheduling.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ConnectionString { get; }

    public string Folder { get; }

    public string FilePath { get; }

    public static SqliteTestDatabase Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tace-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new SqliteTestDatabase(folder);
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm companions) open.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A handle still open somewhere must not turn a passing test red; the temp folder is disposable.
        }

        return ValueTask.CompletedTask;
    }
}
