using System.Globalization;

using Microsoft.Data.Sqlite;

// Baselines of the benchmark suite, on the same machine and SQLite settings as the app
// (WAL, synchronous=NORMAL, pooled connections):
// (a) GET /read/{id}: one row by key from a SQLite file, returned as a small HTML string;
// (b) POST /write: one row inserted per request in its own transaction.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var file = builder.Configuration["Database"] ?? Path.Combine(Path.GetTempPath(), $"baseline-{Environment.ProcessId}.db");
var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();

await using (var setup = new SqliteConnection(connectionString))
{
    await setup.OpenAsync();
    await using var create = setup.CreateCommand();
    create.CommandText = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS Items (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL, CreatedAt TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS Writes (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL, CreatedAt TEXT NOT NULL);
        INSERT OR IGNORE INTO Items (Id, Name, CreatedAt)
        SELECT value, 'Item ' || value, datetime('now') FROM generate_series(1, 10000);
        """;
    try
    {
        await create.ExecuteNonQueryAsync();
    }
    catch (SqliteException)
    {
        // No generate_series in this SQLite build: fill the table with a loop instead.
        create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS Items (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL, CreatedAt TEXT NOT NULL); CREATE TABLE IF NOT EXISTS Writes (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL, CreatedAt TEXT NOT NULL);";
        await create.ExecuteNonQueryAsync();
        await using var tx = setup.BeginTransaction();
        await using var insert = setup.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT OR IGNORE INTO Items (Id, Name, CreatedAt) VALUES ($id, 'Item ' || $id, datetime('now'))";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        for (var i = 1; i <= 10_000; i++)
        {
            id.Value = i;
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }
}

async Task<SqliteConnection> OpenAsync()
{
    var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var pragma = connection.CreateCommand();
    pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
    await pragma.ExecuteNonQueryAsync();
    return connection;
}

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapGet("/read/{id:int}", async (int id) =>
{
    await using var connection = await OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT Name FROM Items WHERE Id = $id";
    command.Parameters.AddWithValue("$id", id);
    var name = (string?)await command.ExecuteScalarAsync();
    return Results.Content($"<!doctype html><title>Item</title><p>{System.Net.WebUtility.HtmlEncode(name ?? "none")}</p>", "text/html");
});
app.MapPost("/write", async () =>
{
    await using var connection = await OpenAsync();
    await using var transaction = connection.BeginTransaction();
    await using var command = connection.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = "INSERT INTO Writes (Name, CreatedAt) VALUES ('written', $at)";
    command.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    await command.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return Results.Content("<!doctype html><title>Written</title><p>ok</p>", "text/html");
});
app.Run();
