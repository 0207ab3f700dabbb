"""Funding API routes; included at /api/funding/ in fagkraft.urls."""

from rest_framework.routers import DefaultRouter

from fagkraft.funding.api import views

router = DefaultRouter()
router.root_view_name = "funding-api-root"
router.register("programmes", views.ProgrammeViewSet, basename="fundingprogramme")
router.register("calls", views.CallViewSet, basename="fundingcall")
router.register("applications", views.ApplicationViewSet, basename="fundingapplication")
router.register("reviews", views.ReviewViewSet, basename="fundingreview")
router.register("decisions", views.DecisionViewSet, basename="fundingdecision")

urlpatterns = [*router.urls]
