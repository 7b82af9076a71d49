using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Migrations.PostgreSql;

/// <summary>Used by dotnet-ef only: builds the context with the PostgreSQL provider (no server needed to add a migration).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ApplicationDbContext>
{
    public ApplicationDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureProvider(options, DatabaseProvider.PostgreSql, "Host=localhost;Database=scheduling;Username=scheduling");
        return new ApplicationDbContext(options.Options);
    }
}
