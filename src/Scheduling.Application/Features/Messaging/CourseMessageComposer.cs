using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The referring doctor's emails about a treatment course: a follow-up scan due or overdue, a
/// response assessment ready to read, a next session to confirm. Initials, session number and dates
/// only; never the diagnosis or the response (they are on the course page, behind sign-in).
/// </summary>
public sealed class CourseMessageComposer(IApplicationDbContext db, IUserDirectory users, ClinicOptions clinic) : IOutboxMessageComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.DoctorFollowUpDue, MessageKinds.DoctorFollowUpOverdue, MessageKinds.DoctorResponseRecorded, MessageKinds.DoctorNextSessionPlanned,
    ];

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var values = message.Kind == MessageKinds.DoctorNextSessionPlanned
            ? await PlannedSessionAsync(message.SubjectId, cancellationToken)
            : await SessionAsync(message, cancellationToken);
        if (values.Skip is { } reason)
        {
            return ComposeResult.Skip(reason);
        }

        if (await users.FindAsync(values.DoctorUserId!, cancellationToken) is not { Email: { Length: > 0 } doctorEmail } doctor)
        {
            return ComposeResult.Skip("The referring doctor's account has no email address.");
        }

        values.Values["DoctorName"] = doctor.DisplayName;
        values.Values["ClinicName"] = clinic.Name;
        values.Values["ClinicPhone"] = clinic.Phone;
        var template = await EffectiveTemplates.GetAsync(db, message.Kind, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(template, values.Values, ["CourseLink", "ReferralLink"], EmailFrame.ForStaff(clinic));
        return ComposeResult.Send(new EmailMessage(doctorEmail, doctor.DisplayName, rendered.Subject, rendered.Text, rendered.Html, context.MessageId, []));
    }

    private async Task<Composed> SessionAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var session = await db.CourseSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == message.SubjectId, cancellationToken);
        if (session is null)
        {
            return Composed.Skipped("The session no longer exists.");
        }

        var status = session.FollowUpStatusOn(session.FollowUpWindowEnd.AddDays(1));
        if (message.Kind != MessageKinds.DoctorResponseRecorded && status is FollowUpStatus.Received or FollowUpStatus.Assessed or FollowUpStatus.Waived)
        {
            return Composed.Skipped($"The follow-up scan is {status.ToString().ToLowerInvariant()}.");
        }

        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == session.ReferralId, cancellationToken);
        return new Composed(session.DoctorUserId, null, new Dictionary<string, string>
        {
            ["PatientInitials"] = referral.PatientInitials,
            ["SessionNumber"] = session.Number.ToString(ClinicFormats.Culture),
            ["SessionDate"] = ClinicFormats.Day(session.PerformedOn),
            ["ScanWindow"] = $"{ClinicFormats.Day(session.FollowUpWindowStart)} and {ClinicFormats.Day(session.FollowUpWindowEnd)}",
            ["ReferralReference"] = ReferralReference.For(referral.Id),
            ["CourseLink"] = clinic.PublicUrl($"/courses/{session.CourseId}"),
            ["ReferralLink"] = clinic.PublicUrl($"/referrals/{referral.Id}"),
        });
    }

    private async Task<Composed> PlannedSessionAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is not { CourseId: { } courseId })
        {
            return Composed.Skipped("The planned referral no longer exists.");
        }

        if (referral.Status != ReferralStatus.Draft)
        {
            return Composed.Skipped($"The planned referral is already {referral.Status}.");
        }

        var sessions = await db.CourseSessions.CountAsync(s => s.CourseId == courseId, cancellationToken);
        return new Composed(referral.DoctorUserId, null, new Dictionary<string, string>
        {
            ["PatientInitials"] = referral.PatientInitials,
            ["SessionNumber"] = (sessions + 1).ToString(ClinicFormats.Culture),
            ["SessionDate"] = string.Empty,
            ["ScanWindow"] = string.Empty,
            ["ReferralReference"] = ReferralReference.For(referral.Id),
            ["CourseLink"] = clinic.PublicUrl($"/courses/{courseId}"),
            ["ReferralLink"] = clinic.PublicUrl($"/referrals/{referral.Id}/edit"),
        });
    }

    private sealed record Composed(string? DoctorUserId, string? Skip, Dictionary<string, string> Values)
    {
        public static Composed Skipped(string reason) => new(null, reason, []);
    }
}
