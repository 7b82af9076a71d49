namespace Scheduling.Application.Common.Settings;

/// <summary>
/// One settings class a clinic changes at work (a configuration section such as "Clinic"), the
/// fields of it shown on the settings page, and its rules: the class's own <c>Validate()</c>, the one
/// the start-up check runs on configuration.
/// </summary>
public sealed class SettingsGroup
{
    private readonly Func<object, IReadOnlyList<string>> _validate;

    private SettingsGroup(string section, string title, string? description, Type settingsType, IReadOnlyList<SettingField> fields, Func<object, IReadOnlyList<string>> validate)
    {
        Section = section;
        Title = title;
        Description = description;
        SettingsType = settingsType;
        Fields = fields;
        _validate = validate;
    }

    /// <summary>The configuration section, e.g. "Clinic"; one stored row per section.</summary>
    public string Section { get; }

    public string Title { get; }

    public string? Description { get; }

    public Type SettingsType { get; }

    public IReadOnlyList<SettingField> Fields { get; }

    public static SettingsGroup For<TSettings>(
        string section, string title, string? description, Func<TSettings, IReadOnlyList<string>> validate, params SettingField[] fields)
        where TSettings : class
    {
        var stray = fields.FirstOrDefault(f => !f.Key.StartsWith(section + ":", StringComparison.Ordinal));
        if (stray is not null)
        {
            throw new ArgumentException($"{stray.Key} is not in section {section}.", nameof(fields));
        }

        return new SettingsGroup(section, title, description, typeof(TSettings), fields, o => validate((TSettings)o));
    }

    /// <summary>Every problem with these values, as the start-up check words them.</summary>
    public IReadOnlyList<string> Validate(object settings) => _validate(settings);

    /// <summary>
    /// The field a rule's message is about: messages name the key ("Clinic:Phone must...") or the
    /// property ("GraceHours must..."), as the settings classes write them for the start-up check.
    /// Null when it names none of this page's fields.
    /// </summary>
    public SettingField? FieldOf(string problem)
    {
        var text = problem.StartsWith(Section + ":", StringComparison.OrdinalIgnoreCase) ? problem[(Section.Length + 1)..] : problem;
        return Fields
            .Where(f => text.StartsWith(f.Property, StringComparison.Ordinal)
                && (text.Length == f.Property.Length || !char.IsLetterOrDigit(text[f.Property.Length])))
            .MaxBy(f => f.Property.Length);
    }

    /// <summary>The rule's message for the person at the form: without the key, which the field's label already says.</summary>
    public static string ForPeople(string problem, SettingField field)
    {
        var text = problem;
        foreach (var prefix in new[] { field.Key, field.Property })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..].TrimStart(' ', ':');
                break;
            }
        }

        return text.Length == 0 ? problem : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
