namespace Scheduling.Application.Common.Settings;

/// <summary>
/// The settings a clinic changes at work, as they are now. Configuration gives each one its first
/// value; once the clinic saves it on the settings page the stored value is used instead, on every
/// instance, from the next request or job on (each scope reads the stored values once, so there is
/// no cache to go stale and no restart).
/// </summary>
/// <remarks>
/// The settings classes themselves (<c>ClinicOptions</c>, <c>ConfirmationPolicy</c>...) are resolved
/// through this per scope, so code injects the class it needs and gets the current values.
/// </remarks>
public interface IClinicSettings
{
    /// <summary>The groups the settings page shows, in order.</summary>
    IReadOnlyList<SettingsGroup> Groups { get; }

    /// <summary>The current values of a settings class: stored values over the configuration's.</summary>
    T Current<T>()
        where T : class;

    /// <summary>A copy of the configuration's values of a group's class (what applies where nothing is stored).</summary>
    object CopyOfDefaults(SettingsGroup group);

    /// <summary>A fresh copy of the current values of a group's class, to try changes on.</summary>
    object CopyOfCurrent(SettingsGroup group);

    /// <summary>Who saved a section last and when (UTC); null when it was never saved.</summary>
    (string By, DateTime AtUtc)? LastChange(string section);
}
