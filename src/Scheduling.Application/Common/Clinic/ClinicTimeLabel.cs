using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Clinic;

/// <summary>
/// The short zone label shown after clinic times ("7:30 AM EDT"). Built from the zone's own name in
/// force at that instant, so it changes on DST days; zones whose name gives no usual abbreviation
/// are shown as a UTC offset, which is never ambiguous.
/// </summary>
public static class ClinicTimeLabel
{
    public static string For(ClinicTime clinicTime, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(clinicTime);
        var local = clinicTime.ToLocal(utc);
        var zone = clinicTime.Zone;
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 3 && words[^1] == "Time" && words.All(w => char.IsUpper(w[0])))
        {
            return string.Concat(words.Select(w => w[0]));
        }

        var offset = clinicTime.OffsetAt(utc);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"UTC{sign}{offset.Duration():hh\\:mm}";
    }

    public static string Time(ClinicTime clinicTime, DateTime utc) =>
        $"{clinicTime.Time(clinicTime.ToLocal(utc))} {For(clinicTime, utc)}";
}
