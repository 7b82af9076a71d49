using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Identity;

internal sealed class UserDirectory(ApplicationDbContext db) : IUserDirectory
{
    public Task<UserProfile?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserProfile(u.Id, u.FullName, u.Email, u.PracticeName, u.PracticePhone))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<UserProfile?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = userName.ToUpperInvariant();
        return db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => new UserProfile(u.Id, u.FullName, u.Email, u.PracticeName, u.PracticePhone))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
