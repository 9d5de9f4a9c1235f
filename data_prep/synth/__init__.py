"""The built-in synthetic CMR archive: phantoms, DICOM writers, reports (`cmr-clip synth`).

It exists to test `data_prep`'s converter end to end; the converter never imports it.
"""
