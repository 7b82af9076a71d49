using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Integration;

namespace Scheduling.Application.Features.Integration;

/// <summary>
/// An administrator registers a hospital system: its name, the referring doctor it acts for, its
/// allowed SMART scopes and its public key. The client id is made here; the system signs its token
/// requests with the private key that never leaves it.
/// </summary>
public static class RegisterClient
{
    public sealed record Command(string? Name, string? DoctorUserId, IReadOnlyList<string>? Scopes, string? PublicKey) : ICommand<Result<Registered>>;

    public sealed record Registered(Guid Id, string ClientId, IReadOnlyList<string> KeyIds);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the system's name, as the clinic knows it.")
                .Must(n => n is null || n.Trim().Length <= IntegrationClient.NameMaxLength)
                .WithMessage($"The name can be at most {IntegrationClient.NameMaxLength} characters.");
            RuleFor(c => c.DoctorUserId).Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Choose the referring doctor this system acts for.");
            RuleFor(c => c.Scopes)
                .Must(s => s is { Count: > 0 }).WithMessage("Choose at least one thing this system may do.")
                .Must(s => IntegrationClientRules.KnownScopes(s) is not null).WithMessage("Choose scopes from the list.");
            RuleFor(c => c.PublicKey).Custom((key, context) =>
            {
                if (PublicKeySet.Parse(key).Problem is { } problem)
                {
                    context.AddFailure(nameof(Command.PublicKey), problem);
                }
            });
        }
    }

    public sealed class Handler(IApplicationDbContext db, IAccounts accounts, IClientCredentials credentials, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<Command, Result<Registered>>
    {
        public async ValueTask<Result<Registered>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!IntegrationClientRules.MayManage(user))
            {
                return Error.NotFound();
            }

            if (!IntegrationClientRules.CanActFor(await accounts.FindAsync(command.DoctorUserId!, cancellationToken)))
            {
                return Error.Validation(nameof(Command.DoctorUserId), "Choose a referring doctor whose account is in service.");
            }

            var keys = PublicKeySet.Parse(command.PublicKey).Keys!;
            var scopes = IntegrationClientRules.KnownScopes(command.Scopes)!;
            var client = IntegrationClient.Register(
                command.Name!, IntegrationClientRules.NewClientId(), command.DoctorUserId!, scopes, keys.Json, keys.KeyIds, clock.GetUtcNow().UtcDateTime);
            db.IntegrationClients.Add(client);

            // The credential store saves through the same context, so the client row goes with it.
            await credentials.SaveAsync(client.ClientId, client.Name, client.KeySetJson, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Registered(client.Id, client.ClientId, keys.KeyIds);
        }
    }
}
