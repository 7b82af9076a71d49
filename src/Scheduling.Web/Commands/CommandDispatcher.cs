using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Scheduling.Web.Commands;

/// <summary>
/// <c>dotnet Scheduling.Web.dll migrate</c> and friends: the first argument, when it is not an option,
/// names a command. Every <see cref="IAppCommand"/> in this assembly is registered, so adding a
/// command is adding its class.
/// </summary>
public static class CommandDispatcher
{
    /// <summary>The command name when the process was started to run one, else null (serve the web app).</summary>
    public static string? CommandName(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal)
            ? args[0]
            : null;

    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        var commands = typeof(CommandDispatcher).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAppCommand).IsAssignableFrom(t));
        foreach (var command in commands)
        {
            services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IAppCommand), command));
        }

        return services;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args, CancellationToken cancellationToken = default)
    {
        // Settings bound lazily (IOptions) are checked as a start would check them.
        app.Services.GetService<IStartupValidator>()?.Validate();

        await using var scope = app.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetServices<IAppCommand>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var name = args[0];
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"Unknown command '{name}'. Commands:");
            foreach (var known in commands.Select(c => c.Usage).Append(ProbeCommand.Usage).Order(StringComparer.Ordinal))
            {
                await Console.Error.WriteLineAsync("  " + known);
            }

            return 2;
        }

        try
        {
            return await command.RunAsync(CommandArguments.Parse(args.Skip(1)), cancellationToken);
        }
        catch (CommandRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 1;
        }
    }
}
