using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Scheduling.ArchitectureTests;

/// <summary>
/// Every "now" comes from the injected <see cref="TimeProvider"/>, so tests can set the clock and walk
/// across a DST change. Read from the compiled code (views included), so no alias or <c>using static</c>
/// hides a call.
/// </summary>
public sealed class ClockTests
{
    private static readonly HashSet<string> SystemClock = new(StringComparer.Ordinal)
    {
        "System.DateTime System.DateTime::get_Now()",
        "System.DateTime System.DateTime::get_UtcNow()",
        "System.DateTime System.DateTime::get_Today()",
        "System.DateTimeOffset System.DateTimeOffset::get_Now()",
        "System.DateTimeOffset System.DateTimeOffset::get_UtcNow()",
    };

    [Fact]
    public void NoSourceProject_ReadsTheSystemClockOutsideTimeProvider()
    {
        var calls = new List<string>();
        foreach (var file in SourceAssemblies.Files)
        {
            Assert.True(File.Exists(file), $"{file} was not built next to the tests; every src project must be checked.");
            using var module = ModuleDefinition.ReadModule(file);
            calls.AddRange(CallsToTheSystemClock(module));
        }

        Assert.True(calls.Count == 0, "Use the injected TimeProvider instead of the system clock in: " + string.Join("; ", calls));
    }

    private static IEnumerable<string> CallsToTheSystemClock(ModuleDefinition module) =>
        from type in module.GetTypes()
        from method in type.Methods
        where method.HasBody
        from instruction in method.Body.Instructions
        where instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt || instruction.OpCode == OpCodes.Ldftn
        where instruction.Operand is MethodReference called && SystemClock.Contains(called.FullName)
        select $"{type.FullName}.{method.Name} ({((MethodReference)instruction.Operand).Name[4..]})";
}
