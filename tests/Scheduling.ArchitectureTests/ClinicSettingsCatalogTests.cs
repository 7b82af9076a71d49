using Scheduling.Infrastructure.Settings;
using Scheduling.Web.Composition;

namespace Scheduling.ArchitectureTests;

/// <summary>
/// The settings page and the one list of settings sections agree: every group on the page is a
/// clinic-editable section of the list (so its first values are bound and checked at start, and the
/// class is resolved per scope with the saved values), and every clinic-editable section has its group.
/// </summary>
public sealed class ClinicSettingsCatalogTests
{
    [Fact]
    public void EveryClinicEditableSection_HasAGroupOnTheSettingsPage_AndEveryGroupIsAnEditableSection()
    {
        var editable = SettingsSections.All.Where(s => s.IsClinicEditable).Select(s => (s.Name, s.OptionsType)).ToHashSet();
        var groups = ClinicSettingsCatalog.Groups.Select(g => (Name: g.Section, OptionsType: g.SettingsType)).ToHashSet();

        Assert.NotEmpty(editable);
        Assert.True(editable.SetEquals(groups),
            $"Editable sections: {string.Join(", ", editable.Select(e => e.Name).Order())}; settings page groups: {string.Join(", ", groups.Select(g => g.Name).Order())}.");
    }

    [Fact]
    public void EveryField_IsAPropertyOfItsGroupsClass_UnderItsSection()
    {
        foreach (var group in ClinicSettingsCatalog.Groups)
        {
            var instance = Activator.CreateInstance(group.SettingsType)!;
            foreach (var field in group.Fields)
            {
                Assert.StartsWith(group.Section + ":", field.Key, StringComparison.Ordinal);
                Assert.NotNull(group.SettingsType.GetProperty(field.Property));
                Assert.Equal(field.ValueType, field.Get(instance)?.GetType() ?? field.ValueType);
            }
        }
    }
}
