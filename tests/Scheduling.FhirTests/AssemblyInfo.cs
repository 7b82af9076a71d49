using Scheduling.FhirTests.Infrastructure;

// One running app (on SQLite) for the assembly; the PostgreSQL race starts its own.
[assembly: AssemblyFixture(typeof(FhirServer))]
