using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Identity;

internal sealed class StaffDirectory(ApplicationDbContext db) : IStaffDirectory
{
    public async Task<StaffContact?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.FullName, u.UserName })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || string.IsNullOrWhiteSpace(user.Email))
        {
            return null;
        }

        return new StaffContact(user.Email, string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? user.Email : user.FullName);
    }
}