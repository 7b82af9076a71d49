using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// The one way a use case saves when someone else may have changed the same rows at the same time.
/// The database decides the race (a concurrency token that moved, a unique index); the loser gets a
/// conflict result naming what happened, never an exception, and the transaction behaviour rolls
/// back everything the command wrote. Failures the caller does not name are bugs and are thrown.
/// </summary>
public static class SaveOrConflict
{
    /// <summary>
    /// Saves; a failed save that <paramref name="conflictFor"/> recognises (returns an error for)
    /// comes back as that error.
    /// </summary>
    public static async Task<Error?> SaveOrConflictAsync(
        this IApplicationDbContext db, Func<DbUpdateException, Error?> conflictFor, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (conflictFor(ex) is { } conflict)
        {
            return conflict;
        }
    }

    /// <summary>Saves; a record changed by someone else meanwhile (its concurrency token moved) comes back as this conflict message.</summary>
    public static Task<Error?> SaveOrConflictAsync(this IApplicationDbContext db, string changedMeanwhile, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(ChangedMeanwhile(changedMeanwhile), cancellationToken);

    /// <summary>Recognises a moved concurrency token as the conflict <paramref name="message"/>.</summary>
    public static Func<DbUpdateException, Error?> ChangedMeanwhile(string message) =>
        ex => ex is DbUpdateConcurrencyException ? Error.Conflict(message) : null;

    /// <summary>Recognises a unique index violation as <paramref name="conflict"/>.</summary>
    public static Func<DbUpdateException, Error?> Duplicate(this IDatabaseErrors errors, Error conflict) =>
        ex => ex is not DbUpdateConcurrencyException && errors.IsUniqueViolation(ex) ? conflict : null;
}
