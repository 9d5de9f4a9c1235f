#!/usr/bin/env python3
"""Build cardiology_tuning4.jsonl from inline-marked snippets.
Markup: {{TYPE|text}} = PHI span, [[keep|text]] = keep span.
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cardiology_tuning4.jsonl")
TYPES = {"NAME","DATE","AGE","ADDRESS","CITY","STATE","ZIP","PHONE","FAX","EMAIL","URL","IP",
         "ID","ACCOUNT","LICENSE","DEVICE","VEHICLE","HOSPITAL","OTHER"}
PAT = re.compile(r"\{\{([A-Z]+)\|(.*?)\}\}|\[\[keep\|(.*?)\]\]", re.S)

def H(name, pid, acc, dob, study, inst, ref, op):
    return {"PatientName": name, "PatientID": pid, "AccessionNumber": acc,
            "PatientBirthDate": dob, "StudyDate": study, "InstitutionName": inst,
            "ReferringPhysicianName": ref, "OperatorsName": op}

S = []
def add(text, header=None):
    S.append((text.strip("\n"), header))

def load(add, H):
    # w001
    add("""CARDIAC MRI REPORT
Patient: {{NAME|HALLORAN, Bridget Mary}}    MRN: {{ID|RJ4471902}}    DOB: {{DATE|14/02/1951}}
Scan date: {{DATE|03.04.2021}}    Referrer: Dr {{NAME|P. Venkataraman}}
Indication: exertional breathlessness, [[keep|NYHA II]]. Echo at {{HOSPITAL|St Columba's Hospital}} on {{DATE|3/2/21}} suggested [[keep|moderate MR]].
Findings: [[keep|LVEF 48%]] by Simpson's biplane method. No [[keep|LGE]].
Reported by Dr {{NAME|Femi Adeyemi-Cole}}, Consultant Cardiologist.""",
        H("HALLORAN^BRIDGET^MARY", "RJ4471902", "ACC21040311", "19510214", "20210403",
          "ST COLUMBAS HOSPITAL", "VENKATARAMAN^P", "MCBRIDE^J"))
    # w002
    add("""Dictated by Dr {{NAME|Siobhán Ní Bhriain}} {{DATE|Mon 12/07}} 09:15, typed {{DATE|13-Jul-2021}}.
Re Mr {{NAME|Declan O'Rourke}] comma [[keep|47-year-old]] man comma referred with palpitations full stop new para native [[keep|T1 1030 ms]] at 1.5 T, upper limit of normal. Holter from {{DATE|the 2nd}} showed runs of [[keep|NSVT]]. Review in [[keep|6/12]] please.
{{NAME|SNB}}/{{NAME|kt}}""".replace("{{NAME|Declan O'Rourke}]", "{{NAME|Declan O'Rourke}}"))
    # w003
    add("""{{HOSPITAL|Mercy Lakeshore Medical Center}} - Division of Cardiology
{{ADDRESS|4410 N. Sheridan Rd}}, {{CITY|Evanston}}, {{STATE|IL}} {{ZIP|60201}}
{{DATE|September 3, 2021}}
RE: {{NAME|Wanda J. Kowalczyk}}   DOB {{DATE|07/19/1958}}   MRN {{ID|00834152}}
Dear Dr. {{NAME|Hollis}},
Thank you for referring Mrs. {{NAME|Kowalczyk}}. Her CMR on {{DATE|8/27/21}} showed [[keep|LVEF 61%]] and normal [[keep|T2 52 ms]]; the Lake Louise criteria were not met. Office BP [[keep|128/76]].
Sincerely,
{{NAME|Marcus T. Greenbaum}}, MD, FACC""",
        H("KOWALCZYK^WANDA^J", "00834152", "MLM88213", "19580719", "20210827",
          "MERCY LAKESHORE MEDICAL CENTER", "HOLLIS^R", "TRAN^K"))
    # w004
    add("""Cardiac Imaging MDT - {{DATE|Thursday 14th October 2021}}
Chair: Dr {{NAME|Grace Oyelaran}}. Present: {{NAME|R. Lim}} (SpR), {{NAME|Hope Castellanos}} (radiographer), Prof {{NAME|Bill Armitage}}.
1. {{NAME|FRANK, Dawn}} ({{ID|NHS 485 777 3456}}) - [[keep|Ebstein]] anomaly, [[keep|severe TR]]; CMR {{DATE|21/9/21}}. For surgical opinion; Dr {{NAME|Armitage}}'s list w/c {{DATE|8th Nov}}.
2. Mr {{NAME|Will Summer}} - [[keep|Fontan]] circulation, repeat scan in [[keep|12/12]].""")
    # w005
    add("""Befund from {{HOSPITAL|Herzzentrum Bad Ahrenfeld}} (English summary). Patient {{NAME|Jürgen Weißenböck}}, geb. {{DATE|3 März 1962}}. CMR performed {{DATE|12. April 2021}}, compared with prior of {{DATE|30.11.2019}}. [[keep|LVEF 38%]], mid-wall [[keep|LGE]] in segments [[keep|3/4/9]]. Signed OA Dr. med. {{NAME|K. von Ahlefeldt}}, transcribed {{NAME|mh}} {{DATE|13.4.21}}.""",
        H("WEISSENBOECK^JUERGEN", "HZ-0091822", "A21041207", "19620303", "20210412",
          "HERZZENTRUM BAD AHRENFELD", "SCHMIDT^ANNA", "VONAHLEFELDT^K"))
    # w006
    add("""From: {{NAME|Priya Raghunathan}} <{{EMAIL|priya.raghunathan@nhs.net}}>
Sent: {{DATE|Tue 05/10/2021 16:42}}
To: {{NAME|Okonkwo, Chidi}} (Dr)
Subject: CMR result - {{NAME|D. McAllister}} - scan {{DATE|04Oct21}}
Hi {{NAME|Chidi}}, preliminary read: [[keep|RVEF 44%]], [[keep|Qp:Qs 1.8]], consistent with the [[keep|ASD]]. Formal report to follow.
{{NAME|Priya}}""")
    # w007
    add("""ADDENDUM ({{DATE|2021-11-08 10:02}}): On review with Dr {{NAME|Mahmoud al-Sabah}} the apical thinning seen on the study of {{DATE|2021/11/05}} represents [[keep|Takotsubo]] pattern rather than infarct; no [[keep|LGE]]. Discussed with patient's daughter {{NAME|Layla}} by phone {{PHONE|+965 2245 8831}}. Original report by Dr {{NAME|J. Fernandes}}.""")
    # w008
    add("""Scheduling note: pt {{NAME|GREEN Faith}} (DOB {{DATE|19/08/1944}}) booked for stress perfusion CMR {{DATE|Wed 3rd Nov}} 08:30, {{HOSPITAL|Royal Wensleydale Infirmary}} Scanner 2. Hold [[keep|bisoprolol]] 48h and caffeine 24h before. Contact {{PHONE|01969 623 410}}. Booked by {{NAME|jbrown7}}. Previous DNA {{DATE|20.10.21}}.""" + " [[keep|Adenosine]] protocol.")
    # w009
    add("""Research DB free text (study CMR-HCM-REG): subj enrolled {{DATE|20190612}}, consent taken by {{NAME|Ahmad bin Yusof}}; baseline scan {{DATE|2019-06-14T09:31:07.482+08:00}}; follow-up {{DATE|06/2020}} missed (COVID). Max wall thickness [[keep|22 mm]], [[keep|SAM]] present, [[keep|LVOT gradient 64 mmHg]] on echo. Site: {{HOSPITAL|Hospital Pantai Seri Melur}}.""")
    # w010
    add("""Study description: CMR_{{DATE|20210403}}_STRESS_ADENO
Patient: {{NAME|Lindqvist, Eva M.}}  DOB {{DATE|22 Sep 1967}}
Series 12 acquired {{DATE|20210403141509}}
Operator: {{NAME|DOE^JANE}}   Ref phys: {{NAME|PATEL^ANIL^K}}
Patient comments: claustrophobic, [[keep|2/7]] chest pain prior. Perfusion defect [[keep|inferolateral]] wall.""" + " Stress [[keep|HR 92 bpm]].",
        H("LINDQVIST^EVA^MARIA", "SE4410287", "CMR882101", "19670922", "20210403",
          "SODRA ALVBY HOSPITAL", "PATEL^ANIL^K", "DOE^JANE"))
    # w011
    add("""Hong Kong - {{HOSPITAL|Kowloon Bay Cardiac Centre}}
Name: {{NAME|CHAN Tai Man, Peter}}   HKID: {{ID|K123456(7)}}   Sex/Age: M/[[keep|58]]
Exam date: {{DATE|2021.04.03}}   Previous: {{DATE|2019.12.18}}
Impression: [[keep|dilated cardiomyopathy]], [[keep|LVEF 29%]]. Reported by Dr {{NAME|Wong Ka-Lok}}, checked by Dr {{NAME|LEUNG Mei-Ling}}.""",
        H("CHAN^TAI MAN^PETER", "K1234567", "KBC2104031", "19630211", "20210403",
          "KOWLOON BAY CARDIAC CENTRE", "WONG^KA-LOK", "SZE^WING"))
    # w012
    add("""Audit comment ({{NAME|QA-rev: M. Ó Súilleabháin}}): report for scan dated {{DATE|21-04-03}} lists DOB as {{DATE|1955-13-02}} - invalid month, please correct against PAS ({{DATE|13/02/1955}}). Also [[keep|ESC 2021]] guidelines cited as 2019. LV mass [[keep|112 g]]. Checked {{DATE|7 May}}.""".replace("{{NAME|QA-rev: M. Ó Súilleabháin}}", "QA-rev: {{NAME|M. Ó Súilleabháin}}"))
    # w013
    add("""Clinic letter - {{HOSPITAL|Westmead Heart Clinic}}, {{CITY|Parramatta}} {{STATE|NSW}} {{ZIP|2150}}
Date typed: {{DATE|3/4/21}}   Clinic date: {{DATE|Fri 26/3/21}}
Dear Dr {{NAME|Nguyen}}, I reviewed {{NAME|Mrs Rose Tawhiri-Brown}}, a [[keep|72 year old]] woman with [[keep|bicuspid AV]] and [[keep|moderate AS]]. CMR ({{DATE|18 March 2021}}) shows aortic root 44 mm. Yours sincerely, A/Prof {{NAME|Ian MacLeod}}.""".replace("{{NAME|Mrs Rose Tawhiri-Brown}}", "Mrs {{NAME|Rose Tawhiri-Brown}}"))
    # w014
    add("""Transcription: "...the patient, Mister {{NAME|Lovejoy}}, sorry that's {{NAME|L-O-V-E-J-O-Y}}, first name {{NAME|Major}}, date of birth {{DATE|third of sept nineteen forty nine}}, scanned on {{DATE|Sept. 3rd}}... [[keep|LGE]] subendocardial in [[keep|LAD]] territory, viability poor..." Dictated {{NAME|Dr R. Hussain}}.""".replace("{{NAME|Dr R. Hussain}}", "Dr {{NAME|R. Hussain}}"))
    # w015
    add("""Patient {{NAME|Ahmed Al-Mansouri}}, MRN {{ID|SKH-7781204}}, [[keep|65 y]] M, seen at {{HOSPITAL|Sheikh Khalifa Heart Institute}}, {{CITY|Abu Dhabi}}. DOB {{DATE|01-01-1956}}. CMR {{DATE|03-04-2021 1415h}}: [[keep|ARVC]] Task Force minor criterion (RV RWMA). Ref: Dr {{NAME|Fatima Zahra Benali}}. Next review {{DATE|Sep-21}}.""",
        H("AL-MANSOURI^AHMED", "SKH-7781204", "SK21-0403-88", "19560101", "20210403",
          "SHEIKH KHALIFA HEART INSTITUTE", "BENALI^FATIMA ZAHRA", "RAJAN^S"))
    # w016
    add("""Results e-mail to GP: Dear Dr {{NAME|Young}}, your patient {{NAME|Hope Black}} (b. {{DATE|12.6.1988}}) had CMR on {{DATE|3 - 4 - 2021}}. No myocarditis; [[keep|T2 normal]]; small pericardial effusion. She may restart running after [[keep|3/52]]. Regards, {{NAME|Tomasz Wiśniewski}}, cardiology fellow. Cc {{EMAIL|gp.surgery.f83012@nhs.net}}""")
    # w017
    add("""Canadian consult - {{HOSPITAL|Hôpital Sainte-Brigitte de Laval}}
Patient: {{NAME|Tremblay, Marie-Ève}}  RAMQ {{ID|TREM 6253 1412}}  DOB {{DATE|1962/03/14}}
CMR {{DATE|3 avril 2021}} (English report): [[keep|Fabry]] suspected - low native T1 ([[keep|T1 890 ms]]), basal inferolateral [[keep|LGE]]. Genetic counsellor {{NAME|Gabrielle Lévesque}} to see week of {{DATE|19 April}}. Dr {{NAME|Jean-François Bouchard}}""",
        H("TREMBLAY^MARIE-EVE", "TREM62531412", "HSB4410921", "19620314", "20210403",
          "HOPITAL SAINTE-BRIGITTE DE LAVAL", "BOUCHARD^JEAN-FRANCOIS", "GAGNON^L"))
    # w018
    add("""Indian tertiary centre report - {{HOSPITAL|Sree Narayana Cardiac Institute}}, {{CITY|Kochi}}
UHID: {{ID|SNCI/2021/044719}}   Name: {{NAME|Mr. K. P. Unnikrishnan Nair}}   Age/Sex: [[keep|54Y/M]]
Date of study: {{DATE|03/04/2021}}   Report date: {{DATE|05/04/2021}}
[[keep|RHD]] with [[keep|severe MS]], MVA 0.9 cm2, LA thrombus absent. Consultant: Dr. {{NAME|Lakshmi Iyer}}; Resident: Dr. {{NAME|Abhishek Sengupta}}.""".replace("{{NAME|Mr. K. P. Unnikrishnan Nair}}", "Mr. {{NAME|K. P. Unnikrishnan Nair}}"))
    # w019
    add("""Addendum {{DATE|12:40 on 3 April}}: phoned result to ward sister {{NAME|Bernadette Quigley}}. Pt {{NAME|TOM HARDCASTLE}}, [[keep|intramural haematoma]] not seen; prior CT {{DATE|02/04/2021 23:58}}. [[keep|Aortic root 41 mm]] at sinus of Valsalva. - Dr {{NAME|E. Nwachukwu}}""")
    # w020
    add("""Follow-up plan: {{NAME|Ms. Liang Xiaoyun}} (surname {{NAME|Liang}}) - [[keep|Marfan]] syndrome; annual CMR. Last {{DATE|Apr-21}}, before that {{DATE|April '20}}, baseline {{DATE|March, 2018}}. [[keep|Losartan 50 mg]] daily. Next due {{DATE|04/2022}}. Clinic nurse {{NAME|Dawn Fairweather}}.""".replace("{{NAME|Ms. Liang Xiaoyun}}", "Ms. {{NAME|Liang Xiaoyun}}"))
    # w021
    add("""Over-90s note: {{NAME|Mrs Edith Pargeter-Lyle}}, {{AGE|93 years old}}, DOB {{DATE|D.O.B 02/11/1927}} - CMR to assess [[keep|amyloid]]; ECV 0.52, diffuse subendocardial [[keep|LGE]]. Discussed with son {{NAME|Robert}} on {{DATE|Christmas Eve 2020}}. Consultant {{NAME|Dr Sunil Mehra}}.""".replace("{{DATE|D.O.B 02/11/1927}}", "{{DATE|02/11/1927}}").replace("DOB {{DATE|02/11", "D.O.B {{DATE|02/11").replace("{{NAME|Mrs Edith Pargeter-Lyle}}", "Mrs {{NAME|Edith Pargeter-Lyle}}").replace("{{NAME|Dr Sunil Mehra}}", "Dr {{NAME|Sunil Mehra}}"))
    # w022
    add("""sched: {{DATE|Sat 3/4}} list cancelled (scanner down) - rebook {{NAME|okafor-smith, j}} + {{NAME|van der Berg, P}} to {{DATE|Monday 5th}}. Anaesthetic cover Dr {{NAME|Okafor}}'s list. GA for pt with [[keep|ICD]] (MR-conditional [[keep|Medtronic Evera MRI]]) - device s/n {{DEVICE|BWV608123S}}. {{NAME|ck}}""")
    # w023
    add("""Results: {{NAME|SMITH^JOHN^A}} {{ID|4410029}} {{DATE|03APR2021}}
Native T1 1001 ms, [[keep|ECV 27%]]; [[keep|T2* 32 ms]] (no iron overload). Prior scan {{DATE|2020-04-03}}. Haematologist {{NAME|Dr Abena Mensah}} informed {{DATE|3rd inst.}}.""".replace("{{NAME|Dr Abena Mensah}}", "Dr {{NAME|Abena Mensah}}"),
        H("SMITH^JOHN^A", "4410029", "R2104033", "19790521", "20210403",
          "NORTHGATE GENERAL", "MENSAH^ABENA", "HUGHES^C"))
    # w024
    add("""Clinic: [[keep|38 yo]] F, [[keep|Brugada]] type 1 on ajmaline test {{DATE|11/10/19}}. CMR {{DATE|Oct 21, 2021}} structurally normal. Sister {{NAME|Noor}} and brother {{NAME|Karim Haddad}} to be screened. Letter to {{NAME|Dr. Hélène Dubois}}, {{ADDRESS|12 rue des Tilleuls}}, {{CITY|Lyon}}.""".replace("{{NAME|Dr. Hélène Dubois}}", "Dr. {{NAME|Hélène Dubois}}"))
    # w025
    add("""PATIENT: {{NAME|O'NEILL, MÁIRE}}
D.O.B.: {{DATE|17 FEB 1970}}   HOSP NO: {{ID|H0099127}}
EXAM: CMR with gadolinium ({{DATE|SEPT 03 2021}})
CLINICAL: post [[keep|STEMI]] {{DATE|Aug 14th}}; primary PCI to [[keep|LAD]].
REPORTED: Dr {{NAME|C. Ó Dálaigh}} / SECRETARY {{NAME|AF}}""",
        H("ONEILL^MAIRE", "H0099127", "CMR21090301", "19700217", "20210903",
          "ST FINBARRS UNIVERSITY HOSPITAL", "ODALAIGH^C", "BYRNE^T"))
    # w026
    add("""Stress CMR report. {{NAME|Bartholomew Achterberg}} ({{ID|MRN 7730-114-2}}), born {{DATE|4th July 1949}}. Regadenoson stress {{DATE|3-Sep-2021}}. Inducible ischaemia [[keep|RCA]] territory, 3 segments. Reviewed with Dr {{NAME|Rhiannon Pryce-Jones}} and fellow Dr {{NAME|Kwame Boateng}}. [[keep|Regadenoson 400 mcg]].""")
    # w027
    add("""From: {{EMAIL|l.castillo@hsantamarta.es}}
Date: {{DATE|3 marzo 2021}}
Re: paziente/patient {{NAME|Giuseppe Lo Bianco}} - English summary of CMR ({{DATE|2 marzo 2021}}): [[keep|myocarditis]], Lake Louise positive, [[keep|T2 61 ms]]. Please arrange repeat at [[keep|3/12]]. {{NAME|Lucía Castillo}}, cardióloga, {{HOSPITAL|Hospital Santa Marta}}""")
    # w028
    add("""{{DATE|2021-04-03 14:15:09.123+01:00}} [RIS] status=REPORTED user={{NAME|hkaur2}} acc={{ID|RX-88120034}}
{{DATE|2021-04-03 14:16:41.009+01:00}} [RIS] status=VERIFIED user={{NAME|dr_mcgregor}}
comment: "[[keep|LVEF 55%]], no [[keep|LGE]]" """.rstrip())
    # w029
    add("""MDT outcome - {{NAME|BROWN, Gay}} - [[keep|Ross]] procedure 2005? [NB: patient says "back in '05"]. CMR {{DATE|Apr 3, 2021}} shows neo-aortic root 46 mm, [[keep|moderate AR]], regurgitant fraction [[keep|RF 28%]]. Surgeons (Mr {{NAME|Adebayo Ogunleye}}) happy to observe. Secretary {{NAME|Love}}, ext {{PHONE|4412}}.""")
    # w030
    add("""Telephone note {{DATE|Friday 3rd Sept}} (day after the scan): spoke to Mr {{NAME|Patrick de Souza}}'s wife {{NAME|Grace}} re scan result. Explained [[keep|LVEF 35%]]; [[keep|ICD]] discussion at next clinic. {{NAME|SW}} (CNS)""")
    # w031
    add("""Study: CMR {{NAME|NAKAMURA Hiroshi}}  ID {{ID|JP-00382911}}  DOB {{DATE|1950/11/08}}  Exam {{DATE|2021/04/03}}
Late enhancement: transmural in [[keep|LCx]] territory. [[keep|Cardiac sarcoidosis]] less likely. Compared to {{DATE|2020/10/15}} FDG-PET. Dr {{NAME|Yamamoto Keiko}}""",
        H("NAKAMURA^HIROSHI", "JP-00382911", "A20210403-07", "19501108", "20210403",
          "SAKURAGAOKA MEMORIAL HOSPITAL", "YAMAMOTO^KEIKO", "SATO^T"))
    # w032
    add("""Dear {{NAME|Bill}},
Thanks for seeing {{NAME|Summer Rain Whitfield}} (DOB {{DATE|03042001}}) so promptly. Her CMR of {{DATE|20.04.2021}} showed a [[keep|bicuspid aortic valve]] with mild [[keep|AS]] and coarctation repair site patent. Her mum {{NAME|Frankie}} asked about pregnancy planning. Best, {{NAME|Annika}}
--
Dr {{NAME|Annika Strömberg-Hale}} | ACHD Consultant | {{PHONE|0113 392 8821}}""")
    # w033
    add("""QA log: images for acc {{ID|ACC-2021-118432}} (scan {{DATE|3/4/2021 2:15pm}}) missing [[keep|SSFP]] short axis stack; radiographer {{NAME|Colm McGuinness}} re-sent {{DATE|3/4/2021 4:02pm}}. Checked by {{NAME|R. Bose}}. No [[keep|Gd]] given.""")
    # w034
    add("""Patient {{NAME|Esperanza Villanueva-Ruiz}}, [[keep|81-year-old]], [[keep|TAVI]] work-up. Contrast-free CMR {{DATE|Apr 3,2021}}; aortic annulus perimeter 76 mm. [[keep|eGFR 24]]. Son {{NAME|Diego}} present; interpreter {{NAME|Marisol Peña}}. Ref Dr {{NAME|Okwuosa}}, {{HOSPITAL|Valley Presbyterian Heart Institute}}, {{CITY|Sacramento}}, {{STATE|CA}}.""")
    # w035
    add("""Handwritten clinic note (scanned, OCR): "Seen 3/iv/21. CMR 29/iii/21 — [[keep|LVNC]] criteria met (NC:C 2.6). FHx: father {{NAME|Desmond}} died suddenly age 44." Signed {{NAME|J. T. Abernethy}}.""".replace("3/iv/21", "{{DATE|3/iv/21}}").replace("29/iii/21", "{{DATE|29/iii/21}}").replace("age 44", "[[keep|age 44]]"))
    # w036
    add("""Results e-mail
To: {{EMAIL|cardiology.secretaries@rwh.nhs.uk}}
From: Dr {{NAME|Faisal bin Khalid Al-Otaibi}}
Subject: {{NAME|Hughes^Wynne}} {{ID|RWH4417720}} CMR {{DATE|03 Apr 21}}
Please type: [[keep|pericardial constriction]] — [[keep|septal bounce]], IVC 26 mm. Pericardium 5 mm. Book surgical review with Mr {{NAME|Hollingsworth}}. Thanks.""")
    # w037
    add("""Research DB field "notes": visit V2 {{DATE|21 Jun 2021}} (window {{DATE|14-28 June 2021}}); participant initials {{NAME|E.K.}}; DOB year-month {{DATE|1971-05}}; [[keep|T1 1052 ms]] septal; [[keep|ECV 31%]]. Coordinator {{NAME|Esther Kuipers}} {{EMAIL|e.kuipers@research.lumc-demo.nl}}""")
    # w038
    add("""ADDENDUM {{DATE|4/3/21}} (US format, i.e. April 3rd): Dr {{NAME|Raymond Chu}} reviewed cine images with Dr {{NAME|Patricia Obi-Nwosu}}. Apical [[keep|HCM]] with apical aneurysm; [[keep|LVEF 58%]]. Recommend ICD discussion per 2020 AHA/ACC. Patient {{NAME|Delgado, Ramon}}.""".replace("2020 AHA/ACC", "[[keep|2020 AHA/ACC]]"))
    # w039
    add("""Operator notes: pt {{NAME|HOPE, William}} - very anxious, [[keep|lorazepam 1 mg]] given by ward. Breath-holds poor; used free-breathing [[keep|LGE]]. Start {{DATE|14:02 03/04/21}}, end 14:57. Radiographers: {{NAME|D. Farouk}}, {{NAME|E. Mac Giolla Rua}}.""")
    # w040
    add("""Dear Dr {{NAME|Frank}}, Re: {{NAME|Mrs Amara Eze-Okonkwo}} d.o.b. {{DATE|12th of May 1983}}, {{ADDRESS|Flat 3, 27 Belgrave Terrace}}, {{CITY|Leeds}} {{ZIP|LS6 2QR}}. CMR {{DATE|the 3rd}} (April) confirmed [[keep|peripartum cardiomyopathy]], [[keep|LVEF 32%]]; started [[keep|bromocriptine]]. Yours, Dr {{NAME|Ravi Shankar}}, StR Cardiology""".replace("{{NAME|Mrs Amara Eze-Okonkwo}}", "Mrs {{NAME|Amara Eze-Okonkwo}}"))
    # w041
    add("""{{HOSPITAL|Al Noor Specialist Hospital}} — CMR
Patient: {{NAME|Mohammed Abdullah Al-Harbi}} | File No: {{ID|ANS-0091-2287}} | DOB: {{DATE|05.09.1958}}
Date: {{DATE|03.04.2021}} | Time: 09:10
Findings: [[keep|LV thrombus]] 14 x 9 mm apical. [[keep|Warfarin]] recommended. Reporting: Dr {{NAME|Sameer Qureshi}}. Nurse: {{NAME|Jocelyn dela Cruz}}.""",
        H("AL-HARBI^MOHAMMED^ABDULLAH", "ANS-0091-2287", "ANS21CMR0403", "19580905", "20210403",
          "AL NOOR SPECIALIST HOSPITAL", "QURESHI^SAMEER", "DELACRUZ^JOCELYN"))
    # w042
    add("""Clinic ({{DATE|Mon 03/04}}): {{NAME|Jaxon McKenzie-Tau}} [[keep|19 y]] rugby player, ECG abnormal at preparticipation screen {{DATE|02 - 03 - 2021}}. CMR normal; no [[keep|LGE]]; athlete's heart. Coach {{NAME|Mr Ropata}} informed with consent. Reviewed by {{NAME|Dr L. Chen-Marsh}}.""".replace("{{NAME|Dr L. Chen-Marsh}}", "Dr {{NAME|L. Chen-Marsh}}").replace("{{NAME|Mr Ropata}}", "Mr {{NAME|Ropata}}"))
    # w043
    add("""PACS note: merged studies. Wrong patient {{NAME|WHITE^ROSE}} ({{ID|MRN 5512098}}) images from {{DATE|20210402}} attached to {{NAME|WHITE^ROSALIND}} ({{ID|MRN 5512908}}). Corrected {{DATE|2021-04-03}} by PACS admin {{NAME|tmurphy}}. Incident {{ID|DATIX 221904}}. No clinical impact; [[keep|LVEF]] values differ (52% vs [[keep|67%]]).""")
    # w044
    add("""Dictation (raw): "patient is {{NAME|ambrose kettering}} that's {{NAME|ambrose}} with an A date of birth {{DATE|one two oh three fifty}} er {{DATE|12/03/50}} scanned yesterday {{DATE|the 2nd}} no wait {{DATE|the 3rd}}..." [[keep|Glenn]] shunt patent, [[keep|Fontan]] not performed. Typed {{NAME|rm}} {{DATE|04/04/21}}.""")
    # w045
    add("""Consultation: [[keep|Danon]] disease suspected in {{NAME|Tariq}} ({{AGE|91}}? — no, grandfather {{NAME|Yusuf Rahimi}} is {{AGE|91}}; patient is [[keep|16]]). CMR {{DATE|Easter Monday 2022}} booked. Genetics: {{NAME|Dr Iris van Leeuwen}}.""".replace("({{AGE|91}}? — no, grandfather", "(grandfather").replace("{{NAME|Dr Iris van Leeuwen}}", "Dr {{NAME|Iris van Leeuwen}}"))
    # w046
    add("""Scanner log {{DATE|03/04-07/04/2021}}: 38 studies. Downtime {{DATE|05/04/2021 10:00-13:30}} (coil fault). Service engineer {{NAME|Lars Eriksen}} ({{PHONE|+44 7700 900312}}). Protocol change: [[keep|MOLLI]] replaced by [[keep|ShMOLLI]] from {{DATE|06/04}}. Superintendent {{NAME|Precious Ndlovu}}.""")
    # w047
    add("""{{NAME|Fitzgerald-Mbeki, Aoife}} | {{ID|A778123}} | {{DATE|19/7/1991}}
CMR {{DATE|Sept 3 2021}}: [[keep|anomalous coronary]] — [[keep|RCA]] from left sinus, interarterial course. Surgical referral to Mr {{NAME|Deepak Chaudhary}} ({{HOSPITAL|Harefield}}). Letter cc'd to GP Dr {{NAME|N. Kowalski}}.""",
        H("FITZGERALD-MBEKI^AOIFE", "A778123", "X21090312", "19910719", "20210903",
          "MIDLANDS CARDIAC CENTRE", "KOWALSKI^N", "GRANT^E"))
    # w048
    add("""Addendum: prior report dated {{DATE|3 Apr}} incorrectly recorded the aortic regurgitant volume. Corrected [[keep|AR]] volume 42 ml ([[keep|RF 35%]]), i.e. moderate. Apologies to Dr {{NAME|Delacroix}}. - {{NAME|Anand Krishnamurthy}}, {{DATE|7.4.2021}}""")
    # w049
    add("""Pt {{NAME|Pham Thi Lan}} [[keep|62F]] ({{NAME|PHAM^THI^LAN}} on RIS). Hx [[keep|AF]], [[keep|apixaban]]. CMR {{DATE|Saturday, April 3, 2021 at 10:45 AM}}: LA 52 ml/m2, no LA appendage thrombus. Daughter {{NAME|Vy}} translated. Reported by {{NAME|Dr Chukwuemeka Ibe}}.""".replace("{{NAME|Dr Chukwuemeka Ibe}}", "Dr {{NAME|Chukwuemeka Ibe}}"),
        H("PHAM^THI^LAN", "VN558201", "AC2104033", "19590106", "20210403",
          "RIVERBEND COMMUNITY HOSPITAL", "NGUYEN^MINH", "IBE^CHUKWUEMEKA"))
    # w050
    add("""Research extract: subj {{ID|HCM-0417}}, visit dates {{DATE|20180115}}, {{DATE|20190120}}, {{DATE|20200302}}; scanner S/N {{DEVICE|MRC41822}}; reader {{NAME|ak}}; adjudicator {{NAME|Prof. Sabine Holtkamp}}. [[keep|LVOT obstruction]] resolved post [[keep|septal myectomy]].""".replace("{{NAME|Prof. Sabine Holtkamp}}", "Prof. {{NAME|Sabine Holtkamp}}"))
    # w051
    add("""Letter: {{DATE|3rd of sept 2021}}
Dear Mr {{NAME|Gallagher}},
Re your daughter {{NAME|Niamh Gallagher}} (b. {{DATE|09/09/2008}}) — her cardiac MRI on {{DATE|the 1st}} was normal, with no evidence of [[keep|myocarditis]] after COVID vaccination. She may return to sport in [[keep|2/52]]. Kind regards, Dr {{NAME|Olumide Bankole}}, Paediatric Cardiology, {{HOSPITAL|Alder Grove Children's Hospital}}""")
    # w052
    add("""MDT {{DATE|Wed 07-04-21}} - ACHD
{{NAME|PETROVIĆ, Dragana}} [[keep|tetralogy of Fallot]] repaired {{DATE|1989}}; [[keep|PR]] severe, RVEDVi 168 ml/m2. For [[keep|PVR]] — list Mr {{NAME|St John-Barrett}}. Scan {{DATE|12/03/2021}}. Action: {{NAME|KM}} to write.""".replace("repaired {{DATE|1989}}", "repaired in 1989"))
    # w053
    add("""ED handover {{DATE|03/04/2021 22:40}}: [[keep|chest pain]], troponin 1840, unobstructed coronaries on angio {{DATE|earlier today (03/04)}}. CMR requested for [[keep|MINOCA]] — booked {{DATE|Mon}} by {{NAME|Dr. Sofia Andersson}}. Pt {{NAME|Li Wei}}, ward 7B, {{HOSPITAL|Kingsmead General}}.""".replace("{{DATE|earlier today (03/04)}}", "earlier today ({{DATE|03/04}})").replace("booked {{DATE|Mon}} by", "booked Monday by").replace("{{NAME|Dr. Sofia Andersson}}", "Dr. {{NAME|Sofia Andersson}}"))
    # w054
    add("""CMR REPORT  {{HOSPITAL|UNIVERSITÄTSKLINIKUM NORDHEIDE}}
Name: {{NAME|Müller-Lüdenscheidt, Hans-Georg}}  Geb.-Datum: {{DATE|03.04.1948}}  Untersuchung: {{DATE|3. Apr. 2021}}
Findings (English): [[keep|LV hypertrophy]] 17 mm, [[keep|ECV 44%]], pattern typical of [[keep|ATTR amyloidosis]]. Befundende Ärztin: Dr. {{NAME|Ayşe Yılmaz}}""",
        H("MUELLER-LUEDENSCHEIDT^HANS-GEORG", "NH1004411", "NH-CMR-21-0331", "19480403", "20210403",
          "UNIVERSITAETSKLINIKUM NORDHEIDE", "YILMAZ^AYSE", "KRAUSE^B"))
    # w055
    add("""Note to self / to-do ({{NAME|rpatel}}): chase {{NAME|M. Ferreira-Costa}} scan from {{DATE|3rd}} & {{DATE|4th April}}; add [[keep|4D flow]] to report; ring Dr {{NAME|Okeke}} re [[keep|VSD]] Qp:Qs.""")
    # w056
    add("""Report verified {{DATE|20210403 16:05}} by {{NAME|KHAN^IMRAN}}.
Patient {{NAME|Imelda Santos Reyes}} ({{ID|PH-24-883190}}), {{AGE|90-year-old}}, from {{CITY|Quezon City}}. [[keep|Severe AS]] AVA 0.6 cm2; not for surgery; [[keep|TAVI]] MDT.""",
        H("REYES^IMELDA^SANTOS", "PH-24-883190", "STL0403-55", "19310115", "20210403",
          "ST LUKE RIVERSIDE MEDICAL", "TAN^GERALD", "KHAN^IMRAN"))
    # w057
    add("""Email thread
> On {{DATE|Sat, 3 Apr 2021 at 08:12}}, {{NAME|Rachel Goldberg}} <{{EMAIL|rgoldberg@mountcarmelhc.org}}> wrote:
> Can we add {{NAME|Mr. Abramowitz}} to Monday's list? [[keep|CRT-D]] in situ, MR conditional.
Yes - slot {{DATE|Mon 5 Apr 07:45}}. Needs [[keep|device check]] pre/post. {{NAME|Sam}}""".replace("{{NAME|Mr. Abramowitz}}", "Mr. {{NAME|Abramowitz}}"))
    # w058
    add("""Free text (registry): "baseline {{DATE|3/4/21}}, 6-mo {{DATE|10/4/21}}?? (dd/mm: {{DATE|3 Apr}} and {{DATE|10 Apr}}?) - data manager {{NAME|Yvonne Ashworth}} to confirm; [[keep|6/12]] visit likely mis-keyed." [[keep|LVEF 44%]].""")
    # w059
    add("""Cardiology clinic, {{HOSPITAL|Royal Prince Albert Hospital}}
{{NAME|Kaur, Harpreet}} DOB {{DATE|23/11/1975}} URN {{ID|3381902}} Medicare {{ID|2123 45670 1}}
Seen {{DATE|3.4.21}} with husband {{NAME|Jaswinder}}. CMR ({{DATE|26/03/2021}}) — [[keep|non-ischaemic LGE]] lateral wall; [[keep|DCM]] gene panel sent. Dr {{NAME|B. Hart}} / {{NAME|lw}}""")
    # w060
    add("""Teaching file entry (anonymise before use!): {{NAME|Mrs Doreen Whitlock}} CMR {{DATE|14th Feb 2020}} (Valentine's) — [[keep|Takotsubo]] after bereavement; recovery scan {{DATE|May 2020}} normal [[keep|LVEF 63%]].""".replace("{{NAME|Mrs Doreen Whitlock}}", "Mrs {{NAME|Doreen Whitlock}}"))
    # w061
    add("""SpR note {{DATE|03/04/2021}} 02:30: asked to review {{NAME|Jan Kowalski}} post CMR — vasovagal after [[keep|adenosine]]. BP [[keep|84/50]] → 112/70 after fluids. Consultant on call Dr {{NAME|Love}} informed. {{NAME|A. Banerjee}} (ST4)""")
    # w062
    add("""Patient label: {{NAME|ROBERTSON^ISLA^MAY}} | DOB {{DATE|1990-07-13}} | {{ID|CHI 1307901234}} | {{HOSPITAL|Glenmorven Royal Infirmary}}
CMR {{DATE|13.07.2021}} (birthday!): [[keep|LGE]] mid-wall septal. [[keep|Lamin A/C]] variant carrier — mother {{NAME|Fiona Robertson}}.""",
        H("ROBERTSON^ISLA^MAY", "1307901234", "GRI21071301", "19900713", "20210713",
          "GLENMORVEN ROYAL INFIRMARY", "DUNCAN^A", "SHAW^K"))
    # w063
    add("""Verbal report given {{DATE|2:15 pm Sept 3}} to {{NAME|Dr. Antoine Lefèvre}}'s team (ext. {{PHONE|5531}}): [[keep|aortic dissection]] excluded; [[keep|PAU]] 8 mm descending aorta. Pt {{NAME|Claude Bertrand}}, [[keep|78M]].""".replace("{{NAME|Dr. Antoine Lefèvre}}", "Dr. {{NAME|Antoine Lefèvre}}"))
    # w064
    add("""Scheduling spreadsheet row: "{{DATE|05/04/21}} | 10:30 | {{NAME|OKORO Chiamaka}} | {{ID|N8812034}} | stress [[keep|perfusion]] | {{NAME|JG}} | confirmed by phone {{PHONE|07911 123456}}"; comment: prefers {{DATE|Tues 6th}} if possible. [[keep|Dipyridamole]] not available.""")
    # w065
    add("""Dear Professor {{NAME|Abernathy-Singh}},
Thank you for your letter of {{DATE|24th ult.}} regarding {{NAME|Mr Farouk Haddad}} (DOB {{DATE|17-Mar-1960}}). His repeat CMR on {{DATE|3/4/2021}} shows [[keep|RVEF 39%]] and dilated RV — consistent with [[keep|ARVC]]. I have referred to Dr {{NAME|Bianca Moretti}} for EP study.""".replace("{{NAME|Mr Farouk Haddad}}", "Mr {{NAME|Farouk Haddad}}"))
    # w066
    add("""Transcriptionist QA: dictation by {{NAME|Dr. O. Adeyemi}} ({{DATE|04/03/2021}}) says "{{DATE|fourth of March}}" in body but header date {{DATE|03/04/2021}} — likely MM/DD vs DD/MM; flagged to {{NAME|Brenda}} (lead typist). Content: [[keep|mitral valve prolapse]], [[keep|moderate MR]].""".replace("{{NAME|Dr. O. Adeyemi}}", "Dr. {{NAME|O. Adeyemi}}"))
    # w067
    add("""{{HOSPITAL|Pacific Northwest Heart & Vascular}}, {{ADDRESS|1200 Harbor View Ave, Suite 310}}, {{CITY|Tacoma}}, {{STATE|WA}} {{ZIP|98402}} | Fax {{FAX|(253) 555-0148}}
Patient: {{NAME|Walter "Walt" Brzezinski}} | Acct {{ACCOUNT|7720045512}} | {{AGE|94 yo}}
CMR {{DATE|04/03/2021}}: [[keep|ATTR]] likely; [[keep|tafamidis]] discussion. — {{NAME|Jennifer Oduya}}, NP""",
        H("BRZEZINSKI^WALTER", "PNW0093317", "PNWH210403", "19261211", "20210403",
          "PACIFIC NORTHWEST HEART VASCULAR", "ODUYA^JENNIFER", "MORALES^T"))
    # w068
    add("""Research DB comment: pt {{NAME|G.H.}} withdrew consent {{DATE|2021-04-03}}; data up to {{DATE|2020-12-31}} retained per [[keep|protocol v3]]. Visits: {{DATE|15Jan19}}, {{DATE|22Jul19}}. [[keep|LGE mass 12 g]]. Entered by {{NAME|n.achebe}}.""")
    # w069
    add("""Clinic letter. Seen: {{DATE|3rd April 2021}}. Patient: {{NAME|Young, Dawn}}. [[keep|Cardiac sarcoidosis]] on [[keep|prednisolone 20 mg]]; CMR {{DATE|Dec '20}} patchy [[keep|LGE]]; PET {{DATE|Jan-2021}}. Plan: methotrexate. Dr {{NAME|K. Lange}} (Consultant Cardiologist) / Dr {{NAME|S. Eze}} (Rheum).""")
    # w070
    add("""CMR: {{NAME|de la Fuente Morales, José Antonio}}, {{DATE|31/03/2021}}. [[keep|Left atrial myxoma]] 28 mm attached to interatrial septum; [[keep|first-pass perfusion]] heterogeneous. Surgery {{DATE|mid-April (15/4?)}}. Family: brother {{NAME|Pepe}}.""".replace("{{DATE|mid-April (15/4?)}}", "mid-April ({{DATE|15/4}}?)"))
    # w071
    add("""Handover (nurse): {{NAME|Mrs O'Sullivan-Brady}} for CMR tomorrow {{DATE|3/4}} — cannula in, [[keep|eGFR 68]], NBM not required. Husband {{NAME|Eamon}} will collect. Radiographer {{NAME|Thandiwe}} aware of [[keep|pacemaker]] (MR-conditional, [[keep|Biotronik Edora]]), serial {{DEVICE|69887412}}.""".replace("{{NAME|Mrs O'Sullivan-Brady}}", "Mrs {{NAME|O'Sullivan-Brady}}"))
    # w072
    add("""Final report {{DATE|03 April 2021 15:22}} — {{NAME|ABDI, Hodan Mohamed}}, DOB {{DATE|1 Jan 1985}} (approx; estimated DOB), [[keep|rheumatic MR]]. Interpreter {{NAME|Farhiya}} (Somali). Reported: {{NAME|P. Sørensen}}, checked {{NAME|M. Gupta}}. [[keep|Mitral regurgitation]] volume 55 ml.""")
    # w073
    add("""Registrar note: reviewed old notes — CMR {{DATE|05/06/2017}}, echo {{DATE|June 2018}}, Holter {{DATE|18-20/2/2019}}. [[keep|Non-compaction]] stable. Last clinic with Dr {{NAME|Hope}} on {{DATE|2019-02-27}}. {{NAME|T. Ngata}}
PS [[keep|Holter]] 48h requested.""")
    # w074
    add("""Result email: To {{EMAIL|dr.alvarez@clinicasanrafael.mx}}; patient {{NAME|Guadalupe Hernández Ortiz}} CMR {{DATE|03/04/2021}} — [[keep|Chagas]] cardiomyopathy pattern, apical aneurysm, inferolateral [[keep|LGE]]. Regards, {{NAME|Dr Mateo Alvarez}}.""".replace("{{NAME|Dr Mateo Alvarez}}", "Dr {{NAME|Mateo Alvarez}}"))
    # w075
    add("""AUDIT ({{DATE|April 2021}} sample): 20 reports, 3 lacked [[keep|LVEF]]; e.g. {{ID|ACC 88102}} ({{DATE|3/4/21}}), {{ID|ACC 88177}} ({{DATE|9.4.21}}). Auditor {{NAME|Benedict Ofori}}; lead {{NAME|Dr. Ingrid Halvorsen}}. Standard: SCMR [[keep|2020]] reporting.""".replace("{{NAME|Dr. Ingrid Halvorsen}}", "Dr. {{NAME|Ingrid Halvorsen}}"))
    # w076
    add("""Clinic letter ({{HOSPITAL|Toronto Lakeshore Cardiac Clinic}})
Date: {{DATE|April 3, 2021}}
Re: {{NAME|MacDonald, Heather Anne}}, DOB: {{DATE|Apr. 3, 1966}}, OHIP {{ID|4421-887-119-KT}}
Dear Dr. {{NAME|Pillai}}: Ms. {{NAME|MacDonald}} had CMR {{DATE|March 30}}; [[keep|SCAD]]-related infarct, small. On [[keep|ASA 81 mg]]. Follow-up [[keep|3 months]].
{{NAME|Dr. Obinna Nwankwo}}, FRCPC""".replace("{{NAME|Dr. Obinna Nwankwo}}", "Dr. {{NAME|Obinna Nwankwo}}"),
        H("MACDONALD^HEATHER^ANNE", "4421887119", "TLC210330-2", "19660403", "20210330",
          "TORONTO LAKESHORE CARDIAC CLINIC", "PILLAI^V", "NWANKWO^OBINNA"))
    # w077
    add("""Transcribed: "...so {{NAME|Mrs. Faith Adeleke-Moore}} new para she was scanned on the um {{DATE|thirtieth of March twenty twenty-one}}... [[keep|LVEF 50 percent]]... the {{DATE|12th}} next month for [[keep|Holter]]." Dictated: {{NAME|Dr. R. Mukherjee}}. Typed: {{NAME|JS}}/{{NAME|db}} {{DATE|31-3-21}}""".replace("{{NAME|Mrs. Faith Adeleke-Moore}}", "Mrs. {{NAME|Faith Adeleke-Moore}}").replace("{{NAME|Dr. R. Mukherjee}}", "Dr. {{NAME|R. Mukherjee}}"))
    # w078
    add("""DICOM tags (copied into ticket by {{NAME|ghughes}}): (0008,0020) StudyDate={{DATE|20210403}}; (0008,0030) StudyTime=141509.000; (0010,0010) PatientName={{NAME|Van Dyke^Cornelius}}; (0010,0030) BirthDate={{DATE|19440630}}; (0010,1010) Age={{AGE|076Y}}? -> wrong, actual {{AGE|076Y}}""".replace("(0010,1010) Age={{AGE|076Y}}? -> wrong, actual {{AGE|076Y}}", "(0010,1010) Age=[[keep|076Y]]; SeriesDescription=[[keep|LGE_PSIR_SAX]]"),
        H("VAN DYKE^CORNELIUS", "VD440630", "RX2104030077", "19440630", "20210403",
          "HUDSON VALLEY CARDIAC IMAGING", "SCHUYLER^M", "HUGHES^G"))
    # w079
    add("""MDT list {{DATE|Fri 09.04.21}}
a) {{NAME|Kamau Wanjiru}} — [[keep|EMF]], [[keep|endomyocardial fibrosis]] apical obliteration; CMR {{DATE|3.4.21}}.
b) {{NAME|Rania El-Sayed}} — [[keep|PFO]], [[keep|bubble study]] positive; scan {{DATE|31/03}}.
Presenter: Dr {{NAME|Moses Otieno}}. Minutes: {{NAME|Charity Mwangi}}.""")
    # w080
    add("""{{NAME|ANDERSON-JAMES, Hope}} ({{AGE|97 yrs}}), DOB {{DATE|03/04/1924}} — CMR aborted ({{DATE|3-4-21}}), unable to lie flat. [[keep|Echo]] instead. Carer {{NAME|Will Ansah}} {{PHONE|0161 496 0723}}. Dr {{NAME|Mohan}}. [[keep|LVEF]] unknown.""")
    # w081
    add("""[RIS audit trail]
{{DATE|03-APR-2021 09:14:22}} created by {{NAME|LPARK}}
{{DATE|03-APR-2021 11:40:05}} protocolled by {{NAME|DRSTEIN}} ([[keep|T1 mapping]], [[keep|T2 mapping]], [[keep|LGE]])
{{DATE|04-APR-2021 08:01:57}} reported by {{NAME|AKOWALSKA}}""")
    # w082
    add("""Clinic: [[keep|45F]], [[keep|Anderson-Fabry]] on enzyme replacement since 2016. CMR {{DATE|this Friday (9th)}} for T1. Her brother {{NAME|Dmitri Volkov}} also affected. Letter to {{NAME|Dr Natalia Volkova-Hart}} at {{HOSPITAL|Eastbourne District General}}.""".replace("{{DATE|this Friday (9th)}}", "this {{DATE|Friday (9th)}}").replace("{{NAME|Dr Natalia Volkova-Hart}}", "Dr {{NAME|Natalia Volkova-Hart}}"))
    # w083
    add("""Appointment letter: Dear {{NAME|Mr Kofi Mensah-Bonsu}}, your cardiac MRI is on {{DATE|Tuesday 6 April 2021 at 13:20}} at {{HOSPITAL|St Aldhelm's Hospital}}, {{ADDRESS|Radiology Dept, Level 2, Hollybush Lane}}, {{CITY|Salisbury}} {{ZIP|SP2 7TR}}. Please bring a list of medications (e.g. [[keep|ramipril]], [[keep|bisoprolol]]). Queries: {{PHONE|01722 555 019}}.""".replace("{{NAME|Mr Kofi Mensah-Bonsu}}", "Mr {{NAME|Kofi Mensah-Bonsu}}"))
    # w084
    add("""Congenital CMR: Baby {{NAME|Ali}} (twin 2 of {{NAME|Zainab Ali}}), born {{DATE|02/01/2021}}, scanned {{DATE|03/04/2021}} under feed-and-wrap. [[keep|Coarctation]] repaired, [[keep|VSD]] small. Consultant {{NAME|Dr Bashir Rahman}}; anaesthetist {{NAME|Dr A. Kelly}}.""".replace("{{NAME|Dr Bashir Rahman}}", "Dr {{NAME|Bashir Rahman}}").replace("{{NAME|Dr A. Kelly}}", "Dr {{NAME|A. Kelly}}"))
    # w085
    add("""re: prelim — hi {{NAME|jo}}, {{NAME|mr stewart}}'s scan ({{DATE|sat 3rd april}}) shows [[keep|lv thrombus]]? pls ask {{NAME|dr chowdhury}} to look before {{DATE|mon}}. [[keep|lge]] transmural apex. ta, {{NAME|kev}}""".replace("{{NAME|mr stewart}}", "mr {{NAME|stewart}}").replace("{{NAME|dr chowdhury}}", "dr {{NAME|chowdhury}}").replace("before {{DATE|mon}}.", "before mon."))
    # w086
    add("""Patient self-reported history form (transcribed): "I was born on {{DATE|the 25th of December 1952}} (Christmas baby). Had a heart attack {{DATE|Boxing Day 2019}}. My GP is Dr {{NAME|Shona McPhail}}." CMR: [[keep|LVEF 41%]], [[keep|inferior infarct]].""")
    # w087
    add("""CMR {{HOSPITAL|Chennai Heart Foundation}} | IP No {{ID|CHF21/07731}}
{{NAME|Smt. Meenakshi Sundaram}} [[keep|67/F]] | Ref: Dr. {{NAME|R. Venkatesh}} | Date {{DATE|03-04-2021}}
[[keep|Endomyocardial fibrosis]] not seen; [[keep|restrictive physiology]]. Technologist: {{NAME|Karthik}}. Reported: Dr. {{NAME|Anitha Balasubramanian}}""".replace("{{NAME|Smt. Meenakshi Sundaram}}", "Smt. {{NAME|Meenakshi Sundaram}}"),
        H("SUNDARAM^MEENAKSHI", "CHF21/07731", "CHF-CMR-0403-12", "19540118", "20210403",
          "CHENNAI HEART FOUNDATION", "VENKATESH^R", "KARTHIK^S"))
    # w088
    add("""ADDENDUM {{DATE|8 Apr 2021}} — comparison with outside CMR ({{HOSPITAL|Clinique du Parc Monceau}}, {{DATE|15 janvier 2021}}) now available: [[keep|LGE]] extent unchanged. [[keep|Myocarditis]] healing phase. Outside report signed Dr {{NAME|Sophie Marchand}}. — {{NAME|D. Ogbonna}}""")
    # w089
    add("""{{NAME|Brown, Black}} — yes, really: patient's name is {{NAME|Black Brown}} (verified with ID). CMR {{DATE|2021/4/3}}; [[keep|LVEF 57%]]; [[keep|MVP]] with mild MR. Ref {{NAME|Dr Green}}.""".replace("{{NAME|Dr Green}}", "Dr {{NAME|Green}}"))
    # w090
    add("""Monthly QA: inter-observer LVEF: readers {{NAME|AB}} vs {{NAME|CD}} on {{DATE|03/04/21}}, {{DATE|10/04/21}}, {{DATE|17/04/21}}; bias 1.2%. [[keep|17-segment]] model used; [[keep|Bland-Altman]] plot attached. Prepared by {{NAME|Seán Mac Carthaigh}}.""")
    # w091
    add("""Pre-scan checklist {{DATE|03.04.21}}: pt {{NAME|Hemi Walker}}, weight 98 kg, [[keep|claustrophobia]] screen neg, [[keep|cochlear implant]] none. Sternal wires ({{DATE|CABG 12/2015}}). Signed {{NAME|M. Tuhiwai}} (radiographer) / {{NAME|L. Brown}} (nurse).""".replace("({{DATE|CABG 12/2015}})", "(CABG {{DATE|12/2015}})"))
    # w092
    add("""Clinic note: {{NAME|Mr. Young-Soo Park}} ({{NAME|PARK^YOUNG SOO}}), [[keep|55 y]], [[keep|HCM]] with [[keep|LVOT gradient]] 80 mmHg at rest. CMR {{DATE|2021.4.3}}. For [[keep|mavacamten]]? Discussed with wife {{NAME|Ji-Yeon}}. Next {{DATE|Jul '21}}.""".replace("{{NAME|Mr. Young-Soo Park}}", "Mr. {{NAME|Young-Soo Park}}"))
    # w093
    add("""From: Dr {{NAME|Helga Brandt}}
To: {{NAME|Torres, Miguel}}
Date: {{DATE|03.04.2021, 17:45}}
Subject: WG: MRT Befund {{NAME|Kaya}}
{{NAME|Miguel}} — summary: [[keep|constrictive pericarditis]] unlikely; [[keep|pericardial effusion]] small. Prior scan {{DATE|22. Feb. 2021}}. Gruß, {{NAME|H.B.}}""")
    # w094
    add("""Research DB: pt {{ID|SUBJ-00921}} — DOB {{DATE|1939}}? excluded (age). Comments: "seen by {{NAME|Dr. Faith Nakato}} {{DATE|Apr 03 2021}}; [[keep|amyloid]] on scintigraphy ([[keep|Perugini 3]])". Age at scan: {{AGE|92}}.""".replace("DOB {{DATE|1939}}? excluded (age).", "year of birth withheld; excluded (age).").replace("{{NAME|Dr. Faith Nakato}}", "Dr. {{NAME|Faith Nakato}}"))
    # w095
    add("""Stress perfusion: {{NAME|Bilal Chaudhry}}, {{DATE|03/04/2021 @ 08:50}}. [[keep|Adenosine 140 mcg/kg/min]], HR rise 18 bpm, [[keep|splenic switch-off]] present. Perfusion defect mid-anterior. Nurse {{NAME|Mercy Boateng}}; fellow {{NAME|Dr Oisín Keane}}.""".replace("{{NAME|Dr Oisín Keane}}", "Dr {{NAME|Oisín Keane}}"))
    # w096
    add("""Letter {{DATE|3 Apr 2021}}: Dear {{NAME|Dr Rosemary Lamb}}, re {{NAME|Frank Hope}} — please note repeat scan moved from {{DATE|Apr 14}} to {{DATE|4/28}} (vendor upgrade). He continues [[keep|sacubitril/valsartan]]. [[keep|NT-proBNP 1450]]. {{NAME|Sarah-Jane Whitby}}, booking coordinator.""".replace("{{NAME|Dr Rosemary Lamb}}", "Dr {{NAME|Rosemary Lamb}}"))
    # w097
    add("""Report footer:
Electronically signed by: {{NAME|Venkat}}
{{NAME|Subramanian}}, MD, PhD
on {{DATE|04/03/2021}} at {{DATE|4:52 PM}}? (see above)""".replace("on {{DATE|04/03/2021}} at {{DATE|4:52 PM}}? (see above)", "on {{DATE|04/03/2021 at 4:52 PM}} EST. [[keep|CMR]] [[keep|LVEF 49%]]"))
    # w098
    add("""Clinic {{DATE|Mon 5/4}} — {{NAME|Mrs Aroha Te Whata}} DOB {{DATE|5 April 1961}} (birthday today). CMR ({{DATE|3 - 4 - 21}}) [[keep|myocardial iron]] normal [[keep|T2* 28 ms]]. Haem: Dr {{NAME|Rangi}}. NHI {{ID|ZAB1234}}.""".replace("{{NAME|Mrs Aroha Te Whata}}", "Mrs {{NAME|Aroha Te Whata}}"))
    # w099
    add("""Typed letter with artefacts: "Dear Dr [[[ {{NAME|Summers}} ]]] ,  Re {{NAME|BIN ISMAIL, Nur Aisyah}} ((DOB {{DATE|03/04/1987}})) ... CMR {{DATE|03 /04 /2021}} ... [[keep|VSD]] restrictive... [[keep|LVEDVi 98 ml/m2]] ... yours sincerely Dr {{NAME|Hamid}} {{NAME|HH}}/{{NAME|nf}}" """.rstrip().replace("[[[ {{NAME|Summers}} ]]]", "<< {{NAME|Summers}} >>"))
    # w100
    add("""Scheduling chat (Teams export) {{DATE|02/04/2021}}:
[10:02] {{NAME|Okafor, Ngozi}}: can we fit {{NAME|Mr Whitaker}} in {{DATE|Sat AM}}?
[10:05] {{NAME|Ellie Brooks}}: yes {{DATE|3/4}} 09:00, [[keep|gadobutrol]] ok, [[keep|eGFR 71]]
[10:06] {{NAME|Okafor, Ngozi}}: ta. ref by {{NAME|Dr Kinsella}}.""".replace("{{NAME|Mr Whitaker}}", "Mr {{NAME|Whitaker}}").replace("in {{DATE|Sat AM}}?", "in Sat AM?").replace("{{NAME|Dr Kinsella}}", "Dr {{NAME|Kinsella}}"))
    # extra DICOM-like headers (values appear in the text in another spelling/format)
    return {
        2: H("O'ROURKE^DECLAN", "MX0047712", "MX21070901", "19740110", "20210709", "MERCY UNIVERSITY HOSPITAL CORK", "NIBHRIAIN^SIOBHAN", "KEANE^T"),
        6: H("MCALLISTER^D", "RVH2281934", "RVH-CMR-211004", "19520730", "20211004", "ROYAL VALE HOSPITAL", "OKONKWO^CHIDI", "RAGHUNATHAN^PRIYA"),
        8: H("GREEN^FAITH", "RWI0081223", "RWI21110301", "19440819", "20211103", "ROYAL WENSLEYDALE INFIRMARY", "ASHBY^M", "BROWN^J"),
        13: H("TAWHIRI-BROWN^ROSE", "WHC5520918", "WHC21031802", "19481107", "20210318", "WESTMEAD HEART CLINIC", "NGUYEN^T", "MACLEOD^IAN"),
        16: H("BLACK^HOPE", "GH7730144", "GH21040377", "19880612", "20210403", "GRANGE HILL CARDIAC UNIT", "YOUNG^P", "WISNIEWSKI^TOMASZ"),
        18: H("UNNIKRISHNAN NAIR^K^P", "SNCI/2021/044719", "SNCI-MR-2104-03", "19661225", "20210403", "SREE NARAYANA CARDIAC INSTITUTE", "IYER^LAKSHMI", "SENGUPTA^ABHISHEK"),
        19: H("HARDCASTLE^TOM", "KG4410077", "KG21040388", "19580316", "20210403", "KINGSMEAD GENERAL", "NWACHUKWU^E", "QUIGLEY^B"),
        21: H("PARGETER-LYLE^EDITH", "SH0012771", "SH20122301", "19271102", "20201223", "SHIRE HALL HOSPITAL", "MEHRA^SUNIL", "PRICE^L"),
        26: H("ACHTERBERG^BARTHOLOMEW", "7730-114-2", "ST21090344", "19490704", "20210903", "NORTHFIELD HEART CENTRE", "PRYCE-JONES^RHIANNON", "BOATENG^KWAME"),
        34: H("VILLANUEVA-RUIZ^ESPERANZA", "VP00918273", "VPH210403-5", "19391020", "20210403", "VALLEY PRESBYTERIAN HEART INSTITUTE", "OKWUOSA^T", "PENA^M"),
        40: H("EZE-OKONKWO^AMARA", "LTH2290115", "LTH21040301", "19830512", "20210403", "LEEDS TEACHING HOSPITALS", "FRANK^D", "SHANKAR^RAVI"),
        51: H("GALLAGHER^NIAMH", "AG0090812", "AGCH21090101", "20080909", "20210901", "ALDER GROVE CHILDRENS HOSPITAL", "BANKOLE^OLUMIDE", "DOYLE^C"),
        59: H("KAUR^HARPREET", "3381902", "RPA21032611", "19751123", "20210326", "ROYAL PRINCE ALBERT HOSPITAL", "HART^B", "WEBB^L"),
        65: H("HADDAD^FAROUK", "HF6031703", "CM21040319", "19600317", "20210403", "CEDAR MOUNT HOSPITAL", "ABERNATHY-SINGH^P", "MORETTI^BIANCA"),
        69: H("YOUNG^DAWN", "YD1122093", "CMR20201209", "19690814", "20201209", "HALLAM CARDIAC UNIT", "LANGE^K", "EZE^S"),
        72: H("ABDI^HODAN^MOHAMED", "AH8500117", "SC21040366", "19850101", "20210403", "SOUTHCOTE HOSPITAL", "GUPTA^M", "SORENSEN^P"),
        80: H("ANDERSON-JAMES^HOPE", "NM0019244", "NM21040302", "19240403", "20210403", "NORTH MANCHESTER GENERAL", "MOHAN^R", "ASHTON^P"),
        83: H("MENSAH-BONSU^KOFI", "SA7721094", "SA21040622", "19711002", "20210406", "ST ALDHELMS HOSPITAL", "FORBES^G", "LLOYD^R"),
        95: H("CHAUDHRY^BILAL", "BC5543210", "ST21040308", "19630711", "20210403", "EASTGATE UNIVERSITY HOSPITAL", "KEANE^OISIN", "BOATENG^MERCY"),
        98: H("TE WHATA^AROHA", "ZAB1234", "AKL21040304", "19610405", "20210403", "TAMAKI HEART CENTRE", "RANGI^H", "WALKER^M"),
        99: H("BIN ISMAIL^NUR AISYAH", "KL8704031", "KL21040391", "19870403", "20210403", "PUSAT JANTUNG SERI KEMBANGAN", "SUMMERS^E", "HAMID^A"),
    }

EXTRA_H = load(add, H)
for _i, _h in EXTRA_H.items():
    assert S[_i-1][1] is None, _i
    S[_i-1] = (S[_i-1][0], _h)

def parse(markup):
    out, phi, keep, pos = [], [], [], 0
    cur = 0
    for m in PAT.finditer(markup):
        out.append(markup[pos:m.start()]); cur += m.start() - pos
        if m.group(1) is not None:
            t, s = m.group(1), m.group(2)
            if t not in TYPES: raise ValueError("bad type %s" % t)
            phi.append({"start": cur, "end": cur + len(s), "type": t, "text": s})
        else:
            s = m.group(3)
            keep.append({"start": cur, "end": cur + len(s), "text": s})
        out.append(s); cur += len(s); pos = m.end()
    out.append(markup[pos:])
    text = "".join(out)
    for bad in ("{{", "}}", "[[", "]]"):
        if bad in text: raise ValueError("leftover markup %r in: %s" % (bad, text[:80]))
    return text, phi, keep

def main():
    recs, errs = [], []
    tc, kc = Counter(), 0
    for i, (mk, hdr) in enumerate(S, 1):
        rid = "w%03d" % i
        try:
            text, phi, keep = parse(mk)
        except ValueError as e:
            errs.append("%s: %s" % (rid, e)); continue
        for sp in phi + keep:
            if text[sp["start"]:sp["end"]] != sp["text"]: errs.append("%s mismatch %r" % (rid, sp))
            if sp["text"] != sp["text"].strip() or not sp["text"]: errs.append("%s whitespace %r" % (rid, sp["text"]))
        allsp = sorted(phi + keep, key=lambda x: x["start"])
        for a, b in zip(allsp, allsp[1:]):
            if b["start"] < a["end"]: errs.append("%s overlap %r %r" % (rid, a["text"], b["text"]))
        if not 2 <= len(keep) <= 6: errs.append("%s keep count %d" % (rid, len(keep)))
        r = {"id": rid, "text": text, "phi": phi, "keep": keep}
        if hdr: r["header"] = hdr
        recs.append(r)
        tc.update(p["type"] for p in phi); kc += len(keep)
    ids = [r["id"] for r in recs]
    if len(set(ids)) != len(ids): errs.append("duplicate ids")
    if len(recs) != 100: errs.append("expected 100 records, got %d" % len(recs))
    if errs:
        print("\n".join(errs)); sys.exit(1)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in recs: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("records", len(recs), "with header", sum(1 for r in recs if "header" in r))
    print("PHI total", sum(tc.values()))
    for t, n in sorted(tc.items(), key=lambda x: -x[1]): print("  %-9s %d" % (t, n))
    print("KEEP total", kc)

if __name__ == "__main__":
    main()
