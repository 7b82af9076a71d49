
using Scheduling.Application.Features.Queue;

namespace Scheduling.Web.Models.SchedulingQueue;

public sealed record SchedulingQueueViewModel(ListReadyToSchedule.Queue Queue);
