using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Migrations.Sqlite;

/// <summary>Used by dotnet-ef only: builds the context with the SQLite provider so migrations for it land here.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ApplicationDbContext>
{
    public ApplicationDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureProvider(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new ApplicationDbContext(options.Options);
    }
}
