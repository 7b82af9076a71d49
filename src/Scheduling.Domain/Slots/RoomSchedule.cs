namespace Scheduling.Domain.Slots;

/// <summary>
/// What slot generation needs to know about a room: whether it is in service and its day
/// templates. A weekday without a template has no slots.
/// </summary>
public sealed record RoomSchedule(Guid RoomId, bool IsActive, IReadOnlyCollection<DayTemplate> Templates)
{
    public DayTemplate? TemplateFor(DayOfWeek weekday)
    {
        DayTemplate? found = null;
        foreach (var template in Templates)
        {
            if (template.Weekday != weekday)
            {
                continue;
            }
            if (found is not null)
            {
                // The database holds one template per room and weekday; two here is a bug upstream.
                throw new InvalidOperationException($"Room {RoomId} has more than one template for {weekday}.");
            }
            found = template;
        }
        return found;
    }
}
