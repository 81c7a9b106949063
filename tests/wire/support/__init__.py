"""Helpers shared by the wire tests: a real ngnpro server, raw HTTP, SOAP envelopes, results."""
