using Microsoft.EntityFrameworkCore;

namespace Scheduling.Application.Common.Abstractions;

/// <summary>
/// Recognises constraint violations by the provider's error numbers, never by message text, so that
/// handlers can turn "the database refused" into a result for the user.
/// </summary>
public interface IDatabaseErrors
{
    bool IsUniqueViolation(DbUpdateException exception);
}
