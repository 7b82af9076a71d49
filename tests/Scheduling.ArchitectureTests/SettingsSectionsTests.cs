using Mono.Cecil;
using Mono.Cecil.Cil;

using Scheduling.Web.Composition;

namespace Scheduling.ArchitectureTests;

/// <summary>
/// Every settings section the app binds is in the one list the start-up check walks
/// (<see cref="SettingsSections.All"/>), once, with one class. Read from the compiled code, so a
/// section bound anywhere (a lambda, an async method, a view) is seen.
/// </summary>
public sealed class SettingsSectionsTests
{
    // Calls that turn configuration into values. A call with a concrete class (Bind<SlotPolicy>) is fine
    // when the class is in the list; a call by key or with an open type parameter only in the types
    // that implement the list and the start-up check.
    private static readonly HashSet<string> BindingTypes = new(StringComparer.Ordinal)
    {
        "Microsoft.Extensions.Configuration.ConfigurationBinder",
        "Microsoft.Extensions.Configuration.ConfigurationExtensions",
        "Microsoft.Extensions.Configuration.IConfiguration",
        "Microsoft.Extensions.Configuration.IConfigurationSection",
        "Microsoft.Extensions.Configuration.IConfigurationRoot",
        "Microsoft.Extensions.Configuration.ConfigurationManager",
        "Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions",
        "Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions",
        "Scheduling.Infrastructure.InvalidSettingsException",
    };

    private static readonly HashSet<string> AllowedReaders = new(StringComparer.Ordinal)
    {
        "Scheduling.Infrastructure.InvalidSettingsException",
        typeof(SettingsSection).FullName!,
        typeof(SettingsSections).FullName!,
        typeof(StartupSettings).FullName!,
        typeof(OtlpExport).FullName!,
    };

    private static readonly HashSet<string> Listed = SettingsSections.All.Select(s => s.OptionsType.FullName!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void EachSection_IsListedOnce_WithOneClass()
    {
        Assert.Equal(SettingsSections.All.Count, SettingsSections.All.Select(s => s.Name.ToUpperInvariant()).Distinct().Count());
        Assert.Equal(SettingsSections.All.Count, SettingsSections.All.Select(s => s.OptionsType).Distinct().Count());
    }

    [Fact]
    public void EveryClassThatNamesASection_IsInTheList_UnderThatName()
    {
        var named = SourceAssemblies.Files
            .SelectMany(file => ModuleDefinition.ReadModule(file).GetTypes())
            .SelectMany(type => type.Fields
                .Where(f => f is { IsLiteral: true, Name: "SectionName" or "ConfigurationSectionName" } && f.Constant is string)
                .Select(f => (Type: type.FullName, Section: (string)f.Constant)))
            .ToList();

        Assert.NotEmpty(named);
        var sections = SettingsSections.All.ToDictionary(s => s.OptionsType.FullName!, s => s.Name, StringComparer.Ordinal);
        var missing = named.Where(n => !sections.TryGetValue(n.Type, out var name) || name != n.Section).ToList();
        Assert.True(missing.Count == 0, "Add to SettingsSections.All: " + string.Join("; ", missing.Select(m => $"{m.Type} (\"{m.Section}\")")));
        var shared = named.GroupBy(n => n.Section, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList();
        Assert.True(shared.Count == 0, "One class per section: " + string.Join("; ", shared.Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Type))}")));
    }

    [Fact]
    public void NoCode_BindsAClassThatIsNotInTheList_OrReadsAKeyDirectly()
    {
        var offences = new List<string>();
        foreach (var file in SourceAssemblies.Files)
        {
            using var module = ModuleDefinition.ReadModule(file);
            offences.AddRange(Offences(module));
        }

        Assert.True(offences.Count == 0, "Settings must go through SettingsSections (see its summary): " + string.Join("; ", offences));
    }

    [Fact]
    public void TheCheck_SeesABindingOfAClassOutsideTheList()
    {
        // The check itself, on this test assembly: the method below binds a class that is not in the list.
        using var module = ModuleDefinition.ReadModule(typeof(SettingsSectionsTests).Assembly.Location);
        var offences = Offences(module).ToList();
        Assert.Contains(offences, o => o.Contains(nameof(UnlistedOptions), StringComparison.Ordinal));
        Assert.Contains(offences, o => o.Contains(nameof(ReadsAKey), StringComparison.Ordinal));
    }

    private static IEnumerable<string> Offences(ModuleDefinition module) =>
        from type in module.GetTypes()
        from method in type.Methods
        where method.HasBody
        from instruction in method.Body.Instructions
        where instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt || instruction.OpCode == OpCodes.Ldftn
        where instruction.Operand is MethodReference called && BindingTypes.Contains(called.DeclaringType.FullName)
        let called = (MethodReference)instruction.Operand
        let offence = Offence(Owner(type), called)
        where offence is not null
        select $"{type.FullName}.{method.Name}: {offence}";

    private static string? Offence(string owner, MethodReference called)
    {
        if (called is GenericInstanceMethod { GenericArguments: [var argument, ..] } && argument is not GenericParameter)
        {
            // Bind<T>, Get<T>, Configure<T>: fine when T is a listed class; GetValue<int>("key") is a key read.
            var isOptionsClass = argument.Resolve() is { IsClass: true, IsPrimitive: false } resolved
                && resolved.FullName != "System.String" && !resolved.IsValueType;
            if (isOptionsClass)
            {
                return Listed.Contains(argument.FullName) ? null : $"binds {argument.FullName}, which is not in SettingsSections.All";
            }
        }

        return AllowedReaders.Contains(owner) ? null : $"reads configuration directly ({called.DeclaringType.Name}.{called.Name})";
    }

    /// <summary>The type a lambda's closure class or an async state machine belongs to.</summary>
    private static string Owner(TypeDefinition type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.FullName;
    }

    private sealed class UnlistedOptions
    {
        public int Value { get; set; }
    }

    // Never called: compiled so the check above has a binding outside the list and a key read to find.
    internal static int BindsUnlisted(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Scheduling.Infrastructure.InvalidSettingsException.Bind<UnlistedOptions>(configuration, "Unlisted").Value;

    internal static string? ReadsAKey(Microsoft.Extensions.Configuration.IConfiguration configuration) => configuration["Unlisted:Key"];
}
