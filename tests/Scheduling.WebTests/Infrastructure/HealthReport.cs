using System.Net.Http.Json;

using Scheduling.Web.Composition;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>The JSON body of /health, /health/ready and /health/live, as a monitor reads it.</summary>
public static class HealthReport
{
    public static async Task<HealthJson> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await response.Content.ReadFromJsonAsync<HealthJson>(
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web), TestContext.Current.CancellationToken)
                ?? throw new Xunit.Sdk.XunitException("The health endpoint answered no JSON.");
        }
    }
}
