namespace Scheduling.Domain.Eligibility;

// Choice answers of the intake questionnaire (criteria version 1). Members are appended, never
// renumbered: they are likely to be persisted as integers by the infrastructure layer.

public enum PrimaryDiagnosis
{
    Hcc,
    ColorectalMetastases,
    NeuroendocrineMetastases,
    OtherMetastases,
    IntrahepaticCholangiocarcinoma,
    Other,
}

public enum BclcStage
{
    Stage0,
    A,
    B,
    C,
    D,
}

public enum Ascites
{
    None,
    Mild,
    ModerateSevere,
}

public enum Encephalopathy
{
    None,
    Grade1To2,
    Grade3To4,
}

public enum PortalVeinStatus
{
    Patent,
    BranchThrombus,
    MainThrombusOrHepatofugal,
}

public enum ContrastReaction
{
    None,
    Mild,
    Moderate,
    Severe,
}

public enum Pregnancy
{
    No,
    Possible,
    Yes,
}
