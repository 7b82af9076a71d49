// Shows the Child-Pugh score live while the doctor types. The server recomputes it on save and on
// submit; this is a convenience only. Thresholds come from the page (the configured criteria).
(function () {
    'use strict';
    var output = document.getElementById('child-pugh-score');
    if (!output) {
        return;
    }

    var fields = {
        bilirubin: document.getElementById('Questionnaire_BilirubinMgDl'),
        albumin: document.getElementById('Questionnaire_AlbuminGdL'),
        inr: document.getElementById('Questionnaire_Inr'),
        ascites: document.getElementById('Questionnaire_Ascites'),
        encephalopathy: document.getElementById('Questionnaire_Encephalopathy')
    };
    var limits = output.dataset;

    function number(element) {
        if (!element || element.value.trim() === '') {
            return null;
        }
        var value = Number(element.value);
        return isFinite(value) ? value : null;
    }

    function grade(value, names) {
        var index = names.indexOf(value);
        return index < 0 ? null : index + 1;
    }

    function compute() {
        var bilirubin = number(fields.bilirubin);
        var albumin = number(fields.albumin);
        var inr = number(fields.inr);
        var ascites = grade(fields.ascites && fields.ascites.value, ['None', 'Mild', 'ModerateSevere']);
        var encephalopathy = grade(fields.encephalopathy && fields.encephalopathy.value, ['None', 'Grade1To2', 'Grade3To4']);
        if (bilirubin === null || albumin === null || inr === null || ascites === null || encephalopathy === null) {
            output.textContent = 'enter the five values';
            return;
        }

        var points =
            (bilirubin < Number(limits.bilirubinTwo) ? 1 : bilirubin <= Number(limits.bilirubinThree) ? 2 : 3) +
            (albumin > Number(limits.albuminOne) ? 1 : albumin >= Number(limits.albuminThree) ? 2 : 3) +
            (inr < Number(limits.inrTwo) ? 1 : inr <= Number(limits.inrThree) ? 2 : 3) +
            ascites + encephalopathy;
        var cls = points <= Number(limits.classA) ? 'A' : points <= Number(limits.classB) ? 'B' : 'C';
        output.textContent = cls + points;
    }

    Object.keys(fields).forEach(function (key) {
        if (fields[key]) {
            fields[key].addEventListener('input', compute);
            fields[key].addEventListener('change', compute);
        }
    });
    compute();
}());
