using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Integration;

/// <summary>
/// Replaces a client's public keys (a new key pair on the hospital's side, or a leaked key): from
/// this moment only assertions signed with the new keys get a token. To rotate without a gap, paste
/// a JWKS holding both the old and the new key, then later only the new one.
/// </summary>
public static class RotateClientKey
{
    public sealed record Command(Guid ClientId, string? PublicKey) : ICommand<Result<IReadOnlyList<string>>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.PublicKey).Custom((key, context) =>
            {
                if (PublicKeySet.Parse(key).Problem is { } problem)
                {
                    context.AddFailure(nameof(Command.PublicKey), problem);
                }
            });
    }

    public sealed class Handler(IApplicationDbContext db, IClientCredentials credentials, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<Command, Result<IReadOnlyList<string>>>
    {
        public async ValueTask<Result<IReadOnlyList<string>>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!IntegrationClientRules.MayManage(user)
                || await db.IntegrationClients.SingleOrDefaultAsync(c => c.Id == command.ClientId, cancellationToken) is not { } client)
            {
                return Error.NotFound();
            }

            var keys = PublicKeySet.Parse(command.PublicKey).Keys!;
            client.RotateKeys(keys.Json, keys.KeyIds, clock.GetUtcNow().UtcDateTime);
            await credentials.SaveAsync(client.ClientId, client.Name, client.KeySetJson, cancellationToken);
            if (await db.SaveOrConflictAsync(IntegrationClientRules.ChangedMeanwhile, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return Result<IReadOnlyList<string>>.Success(keys.KeyIds);
        }
    }
}
