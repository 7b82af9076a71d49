using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using MimeKit;

using Scheduling.Infrastructure.Messaging;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>
/// Sends the account emails queued for one address, as the outbox job would, and reads them back
/// from the pickup folder (the app under test has no SMTP host configured).
/// </summary>
public static partial class AccountMail
{
    /// <summary>Dispatches every pending outbox row about this address's account links and access requests; returns the emails sent.</summary>
    public static Task<IReadOnlyList<MimeMessage>> SendQueuedAsync(WebApp app, string email) => SendQueuedAsync(app.Factory, email);

    public static async Task<IReadOnlyList<MimeMessage>> SendQueuedAsync(SchedulingWebFactory factory, string email)
    {
        await PasswordResetWork.RunQueuedAsync(factory);
        var normalized = email.ToUpperInvariant();
        var ids = await WebApp.WithDbAsync(factory, async db =>
        {
            var userIds = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).ToListAsync();
            var linkIds = await db.AccountLinks.Where(l => userIds.Contains(l.UserId)).Select(l => l.Id).ToListAsync();
            var requestIds = await db.AccessRequests.Where(r => r.Email == email).Select(r => r.Id).ToListAsync();
            var subjects = linkIds.Concat(requestIds).ToList();
            return await db.OutboxMessages
                .Where(m => subjects.Contains(m.SubjectId) && m.Status == Domain.Messaging.OutboxStatus.Pending)
                .OrderBy(m => m.CreatedAtUtc)
                .Select(m => m.Id)
                .ToListAsync();
        });

        var sent = new List<MimeMessage>();
        await using var scope = factory.Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var folder = scope.ServiceProvider.GetRequiredService<MailPickupFolder>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value;
        foreach (var id in ids)
        {
            if (await dispatcher.DispatchAsync(id, CancellationToken.None) == DispatchOutcome.Sent)
            {
                sent.Add(await MimeMessage.LoadAsync(Path.Combine(folder.Path, MailPickupFolder.FileNameFor(OutboxDispatcher.MessageIdFor(id, options)))));
            }
        }

        return sent;
    }

    /// <summary>The one email just sent to this address, and the account link in it (path only).</summary>
    public static Task<(MimeMessage Mail, string LinkPath)> LinkSentToAsync(WebApp app, string email) => LinkSentToAsync(app.Factory, email);

    public static async Task<(MimeMessage Mail, string LinkPath)> LinkSentToAsync(SchedulingWebFactory factory, string email)
    {
        var mail = Assert.Single(await SendQueuedAsync(factory, email));
        Assert.Equal(email, ((MailboxAddress)mail.To.Single()).Address);
        var match = LinkPattern().Match(mail.TextBody ?? string.Empty);
        Assert.True(match.Success, "The email has no account link:\n" + mail.TextBody);
        return (mail, new Uri(match.Value).AbsolutePath);
    }

    [GeneratedRegex(@"https?://[^\s]+/account/link/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
