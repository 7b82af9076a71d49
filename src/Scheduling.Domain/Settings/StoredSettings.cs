using Scheduling.Domain.Common;

namespace Scheduling.Domain.Settings;

/// <summary>
/// What a clinic saved on its settings page for one settings section ("Clinic", "Appointments"...):
/// the values as JSON by property name, over the configuration's first values. One row per section;
/// <see cref="Revision"/> is the concurrency token, so two admins saving at once cannot lose a change.
/// </summary>
public sealed class StoredSettings : Entity
{
    public const int SectionMaxLength = 64;
    public const int ValuesMaxLength = 16_000;
    public const int ByMaxLength = 256;

    private StoredSettings()
    {
        Section = string.Empty;
        ValuesJson = "{}";
        UpdatedBy = string.Empty;
    }

    public string Section { get; private init; }

    public string ValuesJson { get; private set; }

    public int Revision { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Who saved it, by name as people know them.</summary>
    public string UpdatedBy { get; private set; }

    public static StoredSettings Create(string section, string valuesJson, string by, DateTime nowUtc)
    {
        var stored = new StoredSettings { Section = section };
        stored.Update(valuesJson, by, nowUtc);
        return stored;
    }

    public void Update(string valuesJson, string by, DateTime nowUtc)
    {
        if (valuesJson.Length > ValuesMaxLength)
        {
            throw new DomainException($"The settings of {Section} are too long to store.");
        }

        ValuesJson = valuesJson;
        UpdatedBy = by.Length > ByMaxLength ? by[..ByMaxLength] : by;
        UpdatedAtUtc = nowUtc;
        Revision++;
    }
}
