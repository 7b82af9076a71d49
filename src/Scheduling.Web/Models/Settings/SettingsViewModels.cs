using Scheduling.Application.Features.Settings;
using Scheduling.Web.TagHelpers;

namespace Scheduling.Web.Models.Settings;

/// <summary>
/// The settings page: the groups as the use case describes them, and the values to show (what was
/// posted when the form comes back refused, else the current ones). Field names are
/// <c>Values[Clinic:Phone]</c>, so the posted form binds to <see cref="SettingsForm.Values"/>.
/// </summary>
public sealed record SettingsPageViewModel(GetClinicSettings.View Settings, IReadOnlyDictionary<string, string?> Shown)
{
    public static string FieldName(string key) => $"Values[{key}]";

    /// <summary>The field's id, as the error summary links to it.</summary>
    public static string FieldId(string key) => ValidationIds.FieldId(FieldName(key));

    public string ValueOf(GetClinicSettings.FieldView field) => Shown.TryGetValue(field.Key, out var posted) ? posted ?? string.Empty : field.Value;
}

public sealed class SettingsForm
{
    public Dictionary<string, string?> Values { get; set; } = [];
}
