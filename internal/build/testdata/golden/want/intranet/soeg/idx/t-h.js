window.labyrintSearch.load("t-h",{"handicap":"DnO","hjælp":"CqRAyN er"});
