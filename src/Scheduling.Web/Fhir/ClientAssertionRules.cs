using Mediator;

using Microsoft.AspNetCore;
using Microsoft.IdentityModel.JsonWebTokens;

using OpenIddict.Server;

using Scheduling.Application.Features.Integration;

using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Scheduling.Web.Fhir;

/// <summary>
/// What SMART Backend Services asks of a client assertion beyond OpenIddict's own checks (signature
/// by one of the client's registered keys, issuer, lifetime): signed with RS384 or ES384, a kid in
/// the header that names a registered key, the token endpoint's URL as audience, an expiry at most
/// five minutes ahead, and a jti never seen before from this client (a replay is refused, decided
/// by the database so that two instances agree).
/// </summary>
public sealed class ClientAssertionRules(IMediator mediator, TimeProvider clock) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Clock difference tolerated between the hospital's system and this server.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static readonly IReadOnlySet<string> Algorithms = new HashSet<string>(StringComparer.Ordinal) { "RS384", "ES384" };

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
            .UseScopedHandler<ClientAssertionRules>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertionWellknownClaims.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Token || context.ClientAssertion is not { } raw)
        {
            return;
        }

        var assertion = new JsonWebToken(raw);
        var now = clock.GetUtcNow().UtcDateTime;
        var clientId = assertion.Issuer;
        var problem =
            !Algorithms.Contains(assertion.Alg) ? $"The client assertion must be signed with RS384 or ES384, not {assertion.Alg}."
            : string.IsNullOrEmpty(assertion.Kid) ? "The client assertion's header must name its key (kid)."
            : assertion.Subject != clientId ? "The client assertion's sub must equal its iss (the client id)."
            : !assertion.Audiences.Any(a => SameUrl(a, TokenEndpoint(context))) ? "The client assertion's aud must be the token endpoint's URL."
            : assertion.ValidTo == DateTime.MinValue ? "The client assertion must have an expiry (exp)."
            : assertion.ValidTo <= now ? "The client assertion has expired; sign a new one."
            : assertion.ValidTo > now + MaximumLifetime + ClockSkew ? "The client assertion's exp may be at most 5 minutes ahead."
            : string.IsNullOrEmpty(assertion.Id) ? "The client assertion needs a unique jti."
            : null;
        if (problem is null)
        {
            var client = await mediator.Send(new FindActiveClient.Query(clientId), context.CancellationToken);
            problem = client is null ? "This client is not registered or is disabled."
                : !client.KeyIds.Contains(assertion.Kid) ? "The kid in the client assertion's header names no key registered for this client."
                : null;
        }

        if (problem is null
            && (await mediator.Send(new AcceptClientAssertion.Command(clientId, assertion.Id, assertion.ValidTo), context.CancellationToken)).Error is { } replay)
        {
            problem = replay.Message;
        }

        if (problem is not null)
        {
            context.Reject(error: Errors.InvalidClient, description: problem);
        }
    }

    private static string TokenEndpoint(ProcessAuthenticationContext context)
    {
        var request = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("No HTTP request for the token endpoint.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
    }

    private static bool SameUrl(string audience, string endpoint) =>
        string.Equals(audience.TrimEnd('/'), endpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
