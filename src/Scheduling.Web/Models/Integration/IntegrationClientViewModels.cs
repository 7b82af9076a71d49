using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Integration;

namespace Scheduling.Web.Models.Integration;

/// <summary>The register-a-system form. Rules live in the use case's validator; these attributes only label.</summary>
public sealed class NewClientForm
{
    [Display(Name = "System name (as the clinic knows it)")]
    public string? Name { get; set; }

    [Display(Name = "Referring doctor it acts for")]
    public string? DoctorUserId { get; set; }

    public List<string> Scopes { get; set; } = [];

    [Display(Name = "Public key (JWKS, or PEM public key or certificate)")]
    public string? PublicKey { get; set; }
}

/// <summary>The replace-the-key form of one client.</summary>
public sealed class RotateKeyForm
{
    [Display(Name = "New public key (JWKS, or PEM public key or certificate)")]
    public string? PublicKey { get; set; }
}

public sealed record IntegrationClientsViewModel(
    IReadOnlyList<ListClients.ClientSummary> Clients,
    IReadOnlyList<AccountInfo> Doctors,
    NewClientForm NewClient,
    string TokenEndpoint,
    string FhirBase);

public sealed record RotateKeyViewModel(ListClients.ClientSummary Client, RotateKeyForm Form);
