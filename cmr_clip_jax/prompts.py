"""Zero-shot prompt sets: the default that `cmr-clip eval` uses and `export` ships.

They are data the library loads, not a recipe: to try other wording, copy this file, edit it
and pass it with `--prompts FILE` (a .py with get_prompts(), or its JSON dump).

Written from how cardiac MRI reports usually word these findings, independently of the
synthetic generator (tests/test_prompts.py checks that no prompt occurs verbatim in its
templates: otherwise zero-shot would only measure template matching). Each finding has
several positive and negative phrasings; a study's finding score is its mean similarity to
the positive prompts minus its mean similarity to the negative ones. Each diagnosis class
(keys = records.DIAGNOSES) has its own set; the predicted class has the highest mean
similarity. Both spellings (dilatation/dilation, ischaemic/ischemic) appear on purpose.

Negative prompts describe the normal state in words of its own ("normal LV cavity size")
rather than negating the finding ("no LV dilatation"): contrastive text encoders are known
to be weak at negation, and a negated prompt shares its key words with the positive one
(unless the data's tokenizer marks negation, `convert --negation-marks`: then "no LGE" is read
as "no ¬lge", words the positive prompt does not hold; these sets were written without it).
How they were chosen (README, "Evaluation hygiene"): every wording choice is judged on a val
split; a test split, and a held-out vendor, are read once, after the choices are frozen.
One revision was made on the val split of a demo run, by a fixed rule: prompts whose own val
AUC was below 0.5 (pointing the wrong way) were dropped or reworded. The diagnosis sets were
then rewritten, judged on val, to describe each class by its defining imaging findings in the
findings prompts' wording (a diagnosis name alone sat in words the reports rarely use); three
single-prompt variants were tried on val. That revision broke the rule: the test split of that
demo run was also looked at after each variant (0.88, 0.70, 0.83 diagnosis accuracy). No
choice was made from those figures, but they were seen, so that run's test split no longer
counts as unseen; figures reported since come from runs trained after the prompts were frozen
(new data, new splits), each test split and held-out vendor read once (eval JSON "reads": 1).
A third revision, on the val split (88 studies) of the cross-site run at 64 px (README), before
its test split or held-out vendor was read: three alternatives written beforehand on two earlier
runs' val splits (more phrasings for hypertrophy and for the LGE patterns, new raised-native-T1
wording) were added to the sets, since single phrasings swung a finding's AUC by 0.3-0.5 between
runs and more phrasings averaged that out (val: LGE 0.712 -> 0.783, hypertrophy 0.713 -> 0.729);
raised native T1 stayed below 0.5 (0.380) and was reworded once more by the rule (0.775). Four
prompt sets were scored on that val split in all. Afterwards a second run on the same data with
only the five map / T2-weighted / perfusion slots (README) put oedema below 0.5 on its val split
(0.440): the oedema positives said "myocardial oedema", which the normal reports' "No myocardial
oedema." also says; reworded without the bare phrase (that val 0.509, the first run's val 0.517
-> 0.540). Both runs' test figures in the README were read with the earlier oedema wording.
A fifth revision, after reports were first read whole (impression first, 256 tokens; before,
every stored report was cut ahead of its LGE, map and impression sentences): on the val splits
of the demo run and of the cross-site run trained on whole reports, before the cross-site
run's test split or held-out vendor was read (the demo run's test split had been read, with
the earlier prompts), three variants written at once: report-style negated negatives for LGE
and the map findings (LGE val 0.497 -> 0.486 demo / 0.316 -> 0.260 cross-site; native T1 0.529
-> 0.390 / 0.480 -> 0.352; oedema 0.557 -> 0.631 / 0.363 -> 0.368), the same appended to the
shipped sets, and report words on both sides for LGE (0.532 / 0.686). Only the last LGE set
was taken (better on both splits); the map prompts stay as they were. A third run's val split
(a map-window experiment, README) then read that LGE set at 0.379: one set of LGE prompts does
not transfer between runs of this small, synthetic-only text tower.

  cmr-clip eval --workdir DIR --prompts my_prompts.py   # an edited copy of this file
"""

FINDINGS = {
    "lv_dilation": {
        "positive": [
            "Dilatation of the left ventricle.",
            "Enlarged LV cavity.",
            "Severely dilated left ventricle.",
        ],
        "negative": [
            "Left ventricular size is normal.",
            "Normal left ventricular volumes.",
            "Left ventricular end-diastolic volume within normal limits.",
        ],
    },
    "lv_hypertrophy": {
        "positive": [
            "Increased left ventricular wall thickness.",
            "Asymmetric septal thickening.",
            "Thickened LV myocardium with increased mass.",
            "Left ventricular hypertrophy with a maximal wall thickness above 15 mm.",
            "Asymmetric hypertrophy of the interventricular septum.",
            "Concentric thickening of the left ventricular walls.",
        ],
        "negative": [
            "Normal left ventricular wall thickness.",
            "Normal myocardial thickness and LV mass.",
            "Wall thickness within normal limits.",
            "Maximal left ventricular wall thickness of 9 mm, normal.",
            "Normal myocardial wall thickness throughout.",
            "Left ventricular mass and wall thickness are normal.",
        ],
    },
    "lv_dysfunction": {
        "positive": [
            "Impaired left ventricular systolic function.",
            "Reduced LV ejection fraction.",
            "Global left ventricular hypokinesia.",
            "Severely reduced left ventricular ejection fraction.",
        ],
        "negative": [
            "Normal left ventricular systolic function.",
            "Preserved LV ejection fraction.",
            "Good left ventricular contraction.",
            "Normal LV function.",
        ],
    },
    "rv_dilation": {
        "positive": [
            "Dilatation of the right ventricle.",
            "Dilated right ventricle with increased end-diastolic volume.",
            "Increased right ventricular volumes.",
        ],
        "negative": [
            "Normal RV cavity size.",
            "RV size and function are normal.",
        ],
    },
    "lge": {
        # Both sides in report words, the negatives negated: the earlier sets (six positives;
        # negatives "Homogeneous myocardial nulling on post-contrast images.", "Myocardium appears
        # normal on post-contrast imaging.", "Normal post-contrast myocardium.") read LGE the wrong
        # way once the text tower saw whole reports (module docstring).
        "positive": [
            "Late gadolinium enhancement present in the myocardium.",
            "Myocardial scar on late gadolinium enhancement imaging.",
            "Late enhancement indicating myocardial fibrosis.",
        ],
        "negative": [
            "No late gadolinium enhancement in the myocardium.",
            "No myocardial scar on late enhancement imaging.",
            "No focal fibrosis on late gadolinium imaging.",
        ],
    },
    # Read from the maps and T2-weighted slots (data_prep/slots.py), not from cine or LGE.
    "raised_native_t1": {
        "positive": [
            "Raised native T1, suggesting diffuse myocardial disease.",
            "Increased myocardial T1 relaxation time before contrast.",
            "Native T1 is high in the myocardium.",
        ],
        "negative": [
            "Native T1 is normal.",
            "Myocardial T1 relaxation time before contrast is normal.",
            "No diffuse myocardial disease on native T1 mapping.",
        ],
    },
    "oedema": {
        "positive": [
            "Raised myocardial T2 on mapping, in keeping with acute inflammation.",
            "High T2 signal of the myocardium, suggesting acute myocarditis.",
            "Elevated T2 relaxation time of the left ventricular myocardium.",
        ],
        "negative": [
            "Myocardial T2 values within the reference range.",
            "Normal myocardial T2 signal.",
            "Normal T2 mapping values.",
        ],
    },
}

DIAGNOSES = {
    "NOR": [
        "Normal left ventricular size and systolic function.",
        "Normal biventricular size and systolic function.",
        "Normal LV function, normal RV size and normal post-contrast myocardium.",
    ],
    "DCM": [
        "Dilated left ventricle with severely reduced ejection fraction and normal post-contrast myocardium.",
        "Enlarged LV cavity with global hypokinesia, in keeping with dilated cardiomyopathy.",
        "Dilated cardiomyopathy: dilated, poorly contracting left ventricle.",
    ],
    "HCM": [
        "Increased left ventricular wall thickness with preserved systolic function.",
        "Asymmetric septal hypertrophy, in keeping with hypertrophic cardiomyopathy.",
        "Thickened LV myocardium with increased LV mass.",
    ],
    "MINF": [
        "Myocardial scar on late enhancement imaging with regional wall motion abnormality.",
        "Subendocardial late gadolinium enhancement in a coronary territory, in keeping with prior infarction.",
        "Areas of LGE in the myocardium with reduced LV ejection fraction.",
    ],
    "ARV": [
        "Dilatation of the right ventricle with normal left ventricle.",
        "Enlarged right ventricular cavity.",
        "Dilated right ventricle with impaired RV systolic function.",
    ],
}


def get_prompts() -> dict:
  """{'findings': {finding: {'positive': [str], 'negative': [str]}}, 'diagnoses': {class: [str]}}."""
  return {"findings": FINDINGS, "diagnoses": DIAGNOSES}
