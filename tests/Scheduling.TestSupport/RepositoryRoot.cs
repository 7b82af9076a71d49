namespace Scheduling.TestSupport;

public static class RepositoryRoot
{
    /// <summary>The folder holding Scheduling.sln, found from the test binaries upwards.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Scheduling.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Scheduling.sln not found above {AppContext.BaseDirectory}.");
    }
}
