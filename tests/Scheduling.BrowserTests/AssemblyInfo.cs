// One app and one Chromium for the whole assembly: starting a browser per test class costs seconds
// and two Kestrel hosts would compete for ports.
[assembly: AssemblyFixture(typeof(Scheduling.BrowserTests.BrowserApp))]
