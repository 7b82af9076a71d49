using Scheduling.WebTests.Infrastructure;

// One running app for the assembly; tests that need a broken or different app start their own.
[assembly: AssemblyFixture(typeof(WebApp))]
