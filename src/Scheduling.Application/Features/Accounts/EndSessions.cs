using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// Ends one of the signed-in user's other sessions, or all of them (a lost phone, a shared computer
/// left signed in). The session is refused at its next request on every instance. The current session
/// is never ended here (that is signing out); another user's session is "not found".
/// </summary>
public static class EndSessions
{
    /// <param name="SessionId">The session to end; null ends every other session of the user.</param>
    public sealed record Command(Guid? SessionId, Guid? CurrentSessionId) : ICommand<Result<int>>;

    public sealed class Handler(IApplicationDbContext db, ICurrentUser currentUser, IAuditLog audit, TimeProvider clock)
        : ICommandHandler<Command, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId ?? throw new InvalidOperationException("Sessions are ended by a signed-in user.");
            var now = clock.GetUtcNow().UtcDateTime;
            var sessions = await db.UserSessions
                .Where(s => s.UserId == userId && s.EndedAtUtc == null && s.Id != command.CurrentSessionId)
                .Where(s => command.SessionId == null || s.Id == command.SessionId)
                .ToListAsync(cancellationToken);
            if (command.SessionId is not null && sessions.Count == 0)
            {
                return Error.NotFound("That session does not exist or has already ended.");
            }

            foreach (var session in sessions.Where(s => s.End(now, SessionEndReasons.EndedByUser)))
            {
                audit.Record("SessionEnded", nameof(UserSession), session.Id, "Reason: " + SessionEndReasons.EndedByUser);
            }

            await db.SaveChangesAsync(cancellationToken);
            return sessions.Count;
        }
    }
}
