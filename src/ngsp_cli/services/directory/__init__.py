"""The directory: organizations and people, in from spreadsheets and out to them."""
