using Mediator;

using Scheduling.Application.Features.Accounts;

namespace Scheduling.Web.Commands;

/// <summary>
/// <c>dotnet run --project src/Scheduling.Web -- create-admin --email EMAIL</c>: for when the only
/// administrator is locked out or gone. Makes that account an active administrator (creating it if
/// needed) and prints a one-time link to choose a password; the link is never emailed or stored (only
/// its hash), and the audit trail records that the command was run.
/// </summary>
public sealed class CreateAdminCommand(IServiceProvider services) : IAppCommand
{
    public const string Name = "create-admin";

    string IAppCommand.Name => Name;

    string IAppCommand.Usage => "create-admin --email EMAIL   make EMAIL an active administrator and print a one-time link to set its password";

    Task<int> IAppCommand.RunAsync(CommandArguments arguments, CancellationToken cancellationToken) =>
        RunAsync(services, arguments.Get("email") is { Length: > 0 } email ? [Name, "--email", email] : [Name], Console.Out);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var email = EmailFrom(args);
        if (email is null)
        {
            await output.WriteLineAsync($"Usage: {Name} --email EMAIL");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateRecoveryAdmin.Command(email));
        if (result.Failed(out var error, out var issued))
        {
            await output.WriteLineAsync("Refused: " + string.Join(" ", error.FieldErrors.Values.SelectMany(m => m).DefaultIfEmpty(error.Message)));
            return 1;
        }

        await output.WriteLineAsync(issued.Created
            ? $"Created administrator account {email}."
            : $"Account {email} is now an active, unlocked administrator.");
        await output.WriteLineAsync($"One-time link to choose the password (valid until {issued.ExpiresAtUtc:u}, single use):");
        await output.WriteLineAsync(issued.Link);
        return 0;
    }

    private static string? EmailFrom(string[] args)
    {
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--email")
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
