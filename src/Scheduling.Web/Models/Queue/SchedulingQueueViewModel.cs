
using Scheduling.Application.Features.Queue;

namespace Scheduling.Web.Models.Queue;

public sealed record SchedulingQueueViewModel(ListReadyToSchedule.Queue Queue);
