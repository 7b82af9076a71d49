using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Messaging;

internal sealed class Outbox(
    ApplicationDbContext db, IPostCommitActions postCommit, IBackgroundJobs jobs, TextingPolicy texting, ClinicTime clinicTime, TimeProvider clock) : IOutbox
{
    public Guid Enqueue(string kind, Guid subjectId, int subjectVersion, DateTime? notBeforeUtc = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // A text that would fall due in quiet hours waits for the morning from the start, so the
        // sweeper does not pick it up every minute of the night.
        if (MessageKinds.ChannelOf(kind) == MessageChannel.Sms)
        {
            notBeforeUtc = texting.NextSendTimeUtc(notBeforeUtc is { } due && due > now ? due : now, clinicTime);
        }

        var message = OutboxMessage.Create(kind, subjectId, subjectVersion, now, notBeforeUtc);
        db.OutboxMessages.Add(message);

        // Messages due now get a job right after commit; later ones (reminders) are picked up by the
        // sweeper when they fall due, so no long-delayed Hangfire job has to survive restarts.
        if (message.NextAttemptAtUtc <= now)
        {
            postCommit.Add(_ =>
            {
                jobs.EnqueueOutboxDispatch(message.Id);
                return Task.CompletedTask;
            });
        }

        return message.Id;
    }
}
