using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Migrations.SqlServer;

/// <summary>Used by dotnet-ef only: builds the context with the SQL Server provider (no server needed to add a migration).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ApplicationDbContext>
{
    public ApplicationDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureProvider(options, DatabaseProvider.SqlServer, "Server=localhost;Database=Scheduling;Integrated Security=false;TrustServerCertificate=true");
        return new ApplicationDbContext(options.Options);
    }
}
