# Placeholder; the REST API router replaces it.
urlpatterns: list = []
