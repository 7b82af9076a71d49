using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Accounts;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Emails about an account: invitation, password reset and access approved carry a fresh link token
/// (the dispatcher saves its hash before the email leaves, as for patient links); access declined
/// carries the reason.
/// A link that was used, revoked or expired before its email went out is skipped, never sent dead.
/// </summary>
public sealed class AccountMessageComposer(
    IApplicationDbContext db,
    IAccounts accounts,
    ClinicOptions clinic,
    ClinicTime clinicTime,
    TimeProvider clock) : IOutboxMessageComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.AccountInvitation, MessageKinds.AccountPasswordReset, MessageKinds.AccessApproved, MessageKinds.AccessDeclined,
    ];

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>
        {
            ["ClinicName"] = clinic.Name,
            ["ClinicPhone"] = clinic.Phone,
        };
        string toAddress;
        string toName;
        IssuedLink? issued = null;
        if (message.Kind == MessageKinds.AccessDeclined)
        {
            var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == message.SubjectId, cancellationToken);
            if (request?.DeclineReason is null)
            {
                return ComposeResult.Skip("The access request is not declined.");
            }

            (toAddress, toName) = (request.Email, request.FullName);
            values["Reason"] = request.DeclineReason;
        }
        else
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var link = await db.AccountLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == message.SubjectId, cancellationToken);
            if (link is null || !link.IsOpen(now))
            {
                return ComposeResult.Skip("The account link was used, replaced or has expired.");
            }

            if (await accounts.FindAsync(link.UserId, cancellationToken) is not { Status: not AccountStatus.Deactivated } account)
            {
                return ComposeResult.Skip("The account is deactivated or gone.");
            }

            (toAddress, toName) = (account.Email, account.FullName);
            values["AccountLink"] = AccountLinks.Url(clinic, context.LinkToken);
            issued = new AccountLinkIssued(link.Id);
            values["LinkExpiresAt"] = AccountLinks.ExpiryText(clinicTime, link.ExpiresAtUtc);
        }

        values["FullName"] = toName;
        var template = await EffectiveTemplates.GetAsync(db, message.Kind, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(template, values, ["AccountLink"], EmailFrame.ForStaff(clinic));
        return ComposeResult.Send(new EmailMessage(toAddress, toName, rendered.Subject, rendered.Text, rendered.Html, context.MessageId, []), issued);
    }
}
