using Scheduling.Application.Features.Scheduling;

namespace Scheduling.Web.Models.SchedulingQueue;

public sealed record SchedulingQueueViewModel(ListReadyToSchedule.Queue Queue);
