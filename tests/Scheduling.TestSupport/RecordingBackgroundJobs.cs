using System.Collections.Concurrent;

using Scheduling.Application.Common.Abstractions;

namespace Scheduling.TestSupport;

/// <summary>Stands in for Hangfire: remembers what was enqueued (ids only, as in production).</summary>
public sealed class RecordingBackgroundJobs : IBackgroundJobs
{
    private readonly ConcurrentQueue<Guid> _outboxDispatches = new();

    public IReadOnlyList<Guid> OutboxDispatches => _outboxDispatches.ToArray();

    private readonly ConcurrentQueue<Guid> _passwordResetRequests = new();

    public void EnqueueOutboxDispatch(Guid outboxMessageId) => _outboxDispatches.Enqueue(outboxMessageId);

    public void EnqueuePasswordResetRequest(Guid requestId) => _passwordResetRequests.Enqueue(requestId);

    /// <summary>Takes every recorded "forgot password" request off the queue, as a worker would.</summary>
    public IReadOnlyList<Guid> DrainPasswordResetRequests() => Drain(_passwordResetRequests);

    /// <summary>Takes every recorded dispatch off the queue, as a worker would.</summary>
    public IReadOnlyList<Guid> DrainOutboxDispatches() => Drain(_outboxDispatches);

    private static List<Guid> Drain(ConcurrentQueue<Guid> queue)
    {
        var drained = new List<Guid>();
        while (queue.TryDequeue(out var id))
        {
            drained.Add(id);
        }

        return drained;
    }
}
